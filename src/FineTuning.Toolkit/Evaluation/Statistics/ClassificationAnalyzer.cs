using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Computes <see cref="ClassificationMetrics"/> from (expected, predicted) pairs or from classification scores.</summary>
public static class ClassificationAnalyzer
{
    /// <summary>The <see cref="EvalScore.Details"/> key under which a classification scorer records the expected class.</summary>
    public const string ExpectedDetailKey = "expected";

    /// <summary>Computes the metrics of <paramref name="pairs"/>.</summary>
    /// <param name="pairs">(expected, predicted) labels.</param>
    /// <returns>The metrics.</returns>
    public static ClassificationMetrics Compute(IEnumerable<(string Expected, string Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs.ToList();
        var labels = list.SelectMany(p => new[] { p.Expected, p.Predicted }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var matrix = new int[labels.Count][];
        for (var i = 0; i < matrix.Length; i++)
        {
            matrix[i] = new int[labels.Count];
        }

        foreach (var (expected, predicted) in list)
        {
            matrix[index[expected]][index[predicted]]++;
        }

        var perLabel = labels.Select((label, i) => new LabelMetrics(label, matrix[i].Sum(), matrix.Sum(row => row[i]), matrix[i][i])).ToList();
        return new ClassificationMetrics
        {
            Total = list.Count,
            Correct = list.Count(p => string.Equals(p.Expected, p.Predicted, StringComparison.Ordinal)),
            Labels = labels,
            PerLabel = perLabel,
            ConfusionMatrix = matrix,
        };
    }

    /// <summary>
    /// Computes the metrics of one target from a classification scorer's scores: the predicted class is
    /// <see cref="EvalScore.Label"/> and the expected class is <c>Details["expected"]</c>. Every sample counts.
    /// </summary>
    /// <param name="results">The sample results.</param>
    /// <param name="target">The target.</param>
    /// <param name="scorer">The classification scorer's name.</param>
    /// <returns>The metrics.</returns>
    public static ClassificationMetrics FromResults(IEnumerable<EvalSampleResult> results, string target, string scorer)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Compute(results
            .Where(r => string.Equals(r.Target, target, StringComparison.Ordinal) && r.Succeeded)
            .Select(r => r.GetScore(scorer))
            .Where(s => s is { Error: null, Label: not null, Details: not null } && s.Details.ContainsKey(ExpectedDetailKey))
            .Select(s => (s!.Details![ExpectedDetailKey], s.Label!)));
    }
}
