using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// Measures verbatim reproduction of training answers on memorisation probes. For each output and its trained answer
/// (both normalised into tokens, articles kept): the longest common contiguous token run L and the fraction of the
/// output's n-grams (default n = 8) found in the answer. An output is <b>verbatim</b> when
/// <c>L ≥ max(min(minimumRun, |answer|), ⌈runFraction · |answer|⌉)</c> (defaults: 8 tokens and 0.5 of the answer) — it
/// repeats at least half of the trained answer word for word, and at least eight words of it; an answer shorter than
/// eight words must be repeated whole (so short answers such as a label or a one-line reply can fire too).
/// </summary>
/// <remarks>Compare the fine-tuned model's rate with the base model's: answers that are short or formulaic can match by
/// chance, and the base model's rate shows how often.</remarks>
public static class MemorizationAnalyzer
{
    /// <summary>Analyses one target.</summary>
    /// <param name="items">The memorisation items (references are the trained answers).</param>
    /// <param name="results">Sample results.</param>
    /// <param name="target">The target.</param>
    /// <param name="ngram">The n of the n-gram overlap.</param>
    /// <param name="minimumRun">The shortest run (tokens) that can count as verbatim.</param>
    /// <param name="runFraction">The fraction of the answer a run must cover to count as verbatim.</param>
    /// <returns>The report.</returns>
    public static MemorizationReport Analyze(IEnumerable<EvalItem> items, IEnumerable<EvalSampleResult> results, string target, int ngram = 8, int minimumRun = 8, double runFraction = 0.5)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfLessThan(ngram, 1);
        var answers = items.Where(i => i.Reference is not null).ToDictionary(i => i.Id, i => TextNormalizer.Tokenize(i.Reference!, dropArticles: false), StringComparer.Ordinal);
        int outputs = 0, verbatim = 0;
        double runSum = 0, overlapSum = 0;
        foreach (var r in results)
        {
            if (!string.Equals(r.Target, target, StringComparison.Ordinal) || !r.Succeeded || r.Output is null || !answers.TryGetValue(r.ItemId, out var answer) || answer.Count == 0)
            {
                continue;
            }

            var output = TextNormalizer.Tokenize(r.Output, dropArticles: false);
            var run = TextOverlap.LongestCommonSubstring(output, answer);
            outputs++;
            runSum += run / (double)answer.Count;
            overlapSum += TextOverlap.NGramOverlap(output, answer, ngram);
            if (run >= VerbatimRun(answer.Count, minimumRun, runFraction))
            {
                verbatim++;
            }
        }

        return outputs == 0
            ? new MemorizationReport(target, 0, 0, 0, 0, ngram)
            : new MemorizationReport(target, outputs, verbatim / (double)outputs, runSum / outputs, overlapSum / outputs, ngram);
    }

    /// <summary>The shortest common run that counts as verbatim for an answer of <paramref name="answerTokens"/> tokens.</summary>
    internal static int VerbatimRun(int answerTokens, int minimumRun, double runFraction) =>
        Math.Max(Math.Min(minimumRun, answerTokens), (int)Math.Ceiling(runFraction * answerTokens));
}
