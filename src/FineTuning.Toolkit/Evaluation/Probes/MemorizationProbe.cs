using System.Globalization;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// Builds memorisation probes: near-paraphrases of training prompts whose answers are compared with the trained
/// answers (see <see cref="MemorizationAnalyzer"/>).
/// </summary>
/// <remarks>
/// Without hand-written paraphrases, each prompt gets two deterministic perturbations that keep its meaning:
/// <c>"Quick question: " + prompt</c> and the prompt with its final punctuation removed and
/// <c>" Please answer briefly."</c> appended. They detect reproduction triggered by near-identical inputs, which is
/// what an overfitted model does; they do not test semantic paraphrase robustness.
/// </remarks>
public static class MemorizationProbe
{
    /// <summary>Turns examples into items with ids <c>memo/{example}/{variant}</c>, the trained answer as reference, and the example id in <see cref="ProbeLabels.Source"/>.</summary>
    /// <param name="examples">The training examples (a sample of the training set is enough: 50–200).</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<EvalItem> ToEvalItems(IEnumerable<MemorizationExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var items = new List<EvalItem>();
        foreach (var example in examples)
        {
            var variants = example.Paraphrases is { Count: > 0 } p ? p : Perturb(example.Prompt);
            for (var v = 0; v < variants.Count; v++)
            {
                items.Add(EvalItem.FromPrompt(string.Create(CultureInfo.InvariantCulture, $"memo/{example.Id}/{v}"), variants[v], example.Answer) with
                {
                    Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ProbeLabels.Kind] = "memorization", [ProbeLabels.Source] = example.Id },
                });
            }
        }

        return items;
    }

    internal static IReadOnlyList<string> Perturb(string prompt)
    {
        var trimmed = prompt.Trim();
        var bare = trimmed.TrimEnd('.', '?', '!', ' ');
        return ["Quick question: " + trimmed, bare + ". Please answer briefly."];
    }
}
