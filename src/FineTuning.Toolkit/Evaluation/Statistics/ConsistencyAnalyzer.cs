using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Measures run-to-run consistency from k samples per item: the majority answer, the agreement rate and, when a scorer
/// is named, the per-item score variance.
/// </summary>
/// <remarks>
/// Answers are compared after normalisation (case, punctuation, articles and whitespace ignored), so "Paris." and
/// "paris" agree. Pass <c>answerKey</c> to compare something else, for example a classification label.
/// </remarks>
public static class ConsistencyAnalyzer
{
    /// <summary>Analyses one target.</summary>
    /// <param name="results">The sample results.</param>
    /// <param name="target">The target.</param>
    /// <param name="scorer">The scorer whose variance to report, or <see langword="null"/>.</param>
    /// <param name="answerKey">Maps a result to the answer compared across samples; defaults to the normalised output.</param>
    /// <returns>The report (items with fewer than two successful samples are left out).</returns>
    public static ConsistencyReport Analyze(IEnumerable<EvalSampleResult> results, string target, string? scorer = null, Func<EvalSampleResult, string?>? answerKey = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        answerKey ??= r => r.Output is null ? null : TextNormalizer.NormalizeAnswer(r.Output);
        var items = new List<ItemConsistency>();
        foreach (var group in results
                     .Where(r => string.Equals(r.Target, target, StringComparison.Ordinal) && r.Succeeded)
                     .GroupBy(r => r.ItemId, StringComparer.Ordinal))
        {
            var answers = group.Select(r => answerKey(r) ?? string.Empty).ToList();
            if (answers.Count < 2)
            {
                continue;
            }

            var majority = answers
                .GroupBy(a => a, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .First();
            double? mean = null, variance = null;
            if (scorer is not null)
            {
                var values = group.Select(r => r.GetScore(scorer)).Where(s => s is { Error: null, Value: not null }).Select(s => s!.Value!.Value).ToList();
                if (values.Count > 0)
                {
                    mean = values.Average();
                    variance = values.Count > 1 ? values.Sum(v => (v - mean.Value) * (v - mean.Value)) / (values.Count - 1) : null;
                }
            }

            items.Add(new ItemConsistency(group.Key, answers.Count, majority.Key, majority.Count(), answers.Distinct(StringComparer.Ordinal).Count(), mean, variance));
        }

        return new ConsistencyReport { Target = target, Scorer = scorer, Items = items };
    }
}
