using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Builds <see cref="ScoreSummary"/> values from sample results.</summary>
/// <remarks>
/// The bootstrap resamples the items of the results (every item any target has, in ordinal id order) once per scorer and
/// applies each resample to every target, so two targets with the same per-item scores get the same interval, and the
/// interval does not depend on the order in which results arrived. A target without a score on a drawn item skips it.
/// </remarks>
public static class ScoreSummarizer
{
    /// <summary>Summarises every (target, scorer) pair found in <paramref name="results"/>, targets in first-seen order.</summary>
    /// <param name="results">The sample results.</param>
    /// <param name="level">The confidence level of the intervals.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <returns>The summaries.</returns>
    public static IReadOnlyList<ScoreSummary> Summarize(IEnumerable<EvalSampleResult> results, double level = 0.95, ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        var targets = ResultIndex.Targets(list);
        var byScorer = ResultIndex.Scorers(list).ToDictionary(s => s, s => SummarizeScorer(list, targets, s, level, seed), StringComparer.Ordinal);
        var summaries = new List<ScoreSummary>();
        for (var t = 0; t < targets.Count; t++)
        {
            foreach (var scorer in byScorer.Values)
            {
                summaries.Add(scorer[t]);
            }
        }

        return summaries;
    }

    /// <summary>Summarises one target on one scorer.</summary>
    /// <param name="results">The sample results.</param>
    /// <param name="target">The target.</param>
    /// <param name="scorer">The scorer.</param>
    /// <param name="level">The confidence level.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <returns>The summary (the same as the one <see cref="Summarize(IEnumerable{EvalSampleResult}, double, ulong)"/> gives for this pair).</returns>
    public static ScoreSummary Summarize(IEnumerable<EvalSampleResult> results, string target, string scorer, double level = 0.95, ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        return SummarizeScorer(list, [target], scorer, level, seed)[0];
    }

    private static List<ScoreSummary> SummarizeScorer(IReadOnlyCollection<EvalSampleResult> list, IReadOnlyList<string> targets, string scorer, double level, ulong seed)
    {
        Bootstrap.CheckLevel(level);
        var itemIds = list.Select(r => r.ItemId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var aggregates = targets.Select(t => ResultIndex.Aggregate(list, t, scorer)).ToList();
        var columns = aggregates.Select(a => (IReadOnlyList<double?>)[.. itemIds.Select(id => a.TryGetValue(id, out var item) ? item.Mean : (double?)null)]).ToList();
        var distributions = Bootstrap.SharedSortedMeans(columns, Bootstrap.DefaultResamples, seed);
        var summaries = new List<ScoreSummary>(targets.Count);
        for (var t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            var items = aggregates[t];
            var failures = list.Where(r => string.Equals(r.Target, target, StringComparison.Ordinal)
                && (!r.Succeeded || r.GetScore(scorer) is { Error: not null } or { Value: null })).ToList();
            double? passRate = items.Count > 0 && items.Values.All(i => i.PassFraction is not null)
                ? items.Values.Average(i => i.PassFraction!.Value)
                : null;
            summaries.Add(new ScoreSummary
            {
                Target = target,
                Scorer = scorer,
                Items = items.Count,
                Samples = items.Values.Sum(i => i.Samples),
                Errors = failures.Count,
                FirstError = failures.Select(r => r.Succeeded ? r.GetScore(scorer)?.Error ?? "no score" : r.Error).FirstOrDefault(),
                Mean = items.Count == 0 ? 0 : itemIds.Where(items.ContainsKey).Average(id => items[id].Mean),
                Interval = items.Count >= 2 ? Bootstrap.Interval(distributions[t], level) : null,
                PassRate = passRate,
            });
        }

        return summaries;
    }
}
