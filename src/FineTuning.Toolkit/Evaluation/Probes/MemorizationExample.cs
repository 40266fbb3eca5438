namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>A training example to probe for memorisation: its prompt, its trained answer, and optional paraphrases of the prompt.</summary>
/// <param name="Id">The example's id (for example its line number).</param>
/// <param name="Prompt">The training prompt (last user message).</param>
/// <param name="Answer">The trained assistant answer.</param>
/// <param name="Paraphrases">Hand-written near-paraphrases of the prompt; when <see langword="null"/> or empty, automatic light perturbations are used.</param>
public sealed record MemorizationExample(string Id, string Prompt, string Answer, IReadOnlyList<string>? Paraphrases = null);
