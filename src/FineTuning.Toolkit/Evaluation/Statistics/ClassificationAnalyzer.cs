using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Computes <see cref="ClassificationMetrics"/> from (expected, predicted) pairs or from classification scores.</summary>
public static class ClassificationAnalyzer
{
    /// <summary>The <see cref="EvalScore.Details"/> key under which a classification scorer records the expected class.</summary>
    public const string ExpectedDetailKey = "expected";

    /// <summary>The class counted for a prediction that names no expected class.</summary>
    public const string OtherLabel = "(other)";

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
            Samples = list.Count,
            Correct = list.Count(p => string.Equals(p.Expected, p.Predicted, StringComparison.Ordinal)),
            Labels = labels,
            PerLabel = perLabel,
            ConfusionMatrix = matrix,
        };
    }

    /// <summary>
    /// Computes the metrics of one target from a classification scorer's scores: the predicted class is
    /// <see cref="EvalScore.Label"/> and the expected class is <c>Details["expected"]</c>.
    /// </summary>
    /// <remarks>
    /// <para>By default each item counts once, with the majority predicted class of its samples (ties broken by ordinal
    /// order), so k samples per item do not multiply the counts; pass <paramref name="perSample"/> to count every sample.</para>
    /// <para>The classes are bounded by the expected classes: a prediction that is no expected class of any item (free
    /// text from a scorer without a label list, or a listed class no item expects) counts as
    /// <see cref="OtherLabel"/>.</para>
    /// </remarks>
    /// <param name="results">The sample results.</param>
    /// <param name="target">The target.</param>
    /// <param name="scorer">The classification scorer's name.</param>
    /// <param name="perSample">Count every sample instead of one majority answer per item.</param>
    /// <returns>The metrics.</returns>
    public static ClassificationMetrics FromResults(IEnumerable<EvalSampleResult> results, string target, string scorer, bool perSample = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        var samples = results
            .Where(r => string.Equals(r.Target, target, StringComparison.Ordinal) && r.Succeeded)
            .Select(r => (r.ItemId, Score: r.GetScore(scorer)))
            .Where(x => x.Score is { Error: null, Label: not null, Details: not null } && x.Score.Details.ContainsKey(ExpectedDetailKey))
            .Select(x => (x.ItemId, Expected: x.Score!.Details![ExpectedDetailKey], Predicted: x.Score.Label!))
            .ToList();
        var expectedClasses = samples.Select(s => s.Expected).ToHashSet(StringComparer.Ordinal);
        var bounded = samples.Select(s => (s.ItemId, s.Expected, Predicted: expectedClasses.Contains(s.Predicted) ? s.Predicted : OtherLabel)).ToList();
        IEnumerable<(string Expected, string Predicted)> pairs = perSample
            ? bounded.Select(s => (s.Expected, s.Predicted))
            : bounded.GroupBy(s => s.ItemId, StringComparer.Ordinal).Select(g => (
                g.First().Expected,
                g.GroupBy(s => s.Predicted, StringComparer.Ordinal).OrderByDescending(p => p.Count()).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key));
        return Compute(pairs) with { Samples = samples.Count };
    }
}
