namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>Everything a scorer may look at when scoring one output: the item, the output, and where it came from.</summary>
/// <param name="Item">The evaluation item (input, reference, labels).</param>
/// <param name="Output">The text the model under test produced (empty when it produced none).</param>
/// <param name="Target">The name of the target (model configuration) that produced the output.</param>
/// <param name="SampleIndex">The zero-based index of this sample when an item is sampled k times.</param>
public sealed record EvalScoringContext(EvalItem Item, string Output, string Target, int SampleIndex = 0)
{
    /// <summary>Gets the per-token log probabilities of <see cref="Output"/>, or <see langword="null"/> when the API did not return them.</summary>
    public IReadOnlyList<EvalTokenLogprob>? Logprobs { get; init; }
}
