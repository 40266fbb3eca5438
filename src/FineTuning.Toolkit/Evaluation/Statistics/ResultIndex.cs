using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Groups sample results by target and item, and folds k samples into one per-item score.</summary>
internal static class ResultIndex
{
    /// <summary>Per-item aggregate of one scorer on one target.</summary>
    internal sealed record ItemAggregate(string ItemId, double Mean, double? PassFraction, int Samples, double? Variance);

    public static IReadOnlyList<string> Targets(IEnumerable<EvalSampleResult> results) =>
        [.. results.Select(r => r.Target).Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Scorers(IEnumerable<EvalSampleResult> results) =>
        [.. results.SelectMany(r => r.Scores.Keys).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Mean value, pass fraction and sample variance per item (samples with a call error or a scorer error are skipped).
    /// Items appear in first-seen order.
    /// </summary>
    public static Dictionary<string, ItemAggregate> Aggregate(IEnumerable<EvalSampleResult> results, string target, string scorer)
    {
        var values = new Dictionary<string, (List<double> Values, List<bool> Passes)>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (!string.Equals(result.Target, target, StringComparison.Ordinal) || !result.Succeeded)
            {
                continue;
            }

            if (result.GetScore(scorer) is not { Error: null, Value: { } value } score)
            {
                continue;
            }

            if (!values.TryGetValue(result.ItemId, out var entry))
            {
                entry = ([], []);
                values[result.ItemId] = entry;
            }

            entry.Values.Add(value);
            if (score.Passed is { } passed)
            {
                entry.Passes.Add(passed);
            }
        }

        var aggregates = new Dictionary<string, ItemAggregate>(StringComparer.Ordinal);
        foreach (var (itemId, (vals, passes)) in values)
        {
            var mean = vals.Average();
            double? variance = vals.Count > 1 ? vals.Sum(v => (v - mean) * (v - mean)) / (vals.Count - 1) : null;
            double? passFraction = passes.Count == vals.Count ? passes.Count(p => p) / (double)passes.Count : null;
            aggregates[itemId] = new ItemAggregate(itemId, mean, passFraction, vals.Count, variance);
        }

        return aggregates;
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
