using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Builds <see cref="ScoreSummary"/> values from sample results.</summary>
public static class ScoreSummarizer
{
    /// <summary>Summarises every (target, scorer) pair found in <paramref name="results"/>, in first-seen order.</summary>
    /// <param name="results">The sample results.</param>
    /// <param name="level">The confidence level of the intervals.</param>
    /// <param name="seed">The bootstrap seed.</param>
    /// <returns>The summaries.</returns>
    public static IReadOnlyList<ScoreSummary> Summarize(IEnumerable<EvalSampleResult> results, double level = 0.95, ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        var summaries = new List<ScoreSummary>();
        foreach (var target in ResultIndex.Targets(list))
        {
            foreach (var scorer in ResultIndex.Scorers(list))
            {
                summaries.Add(Summarize(list, target, scorer, level, seed));
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
    /// <returns>The summary.</returns>
    public static ScoreSummary Summarize(IEnumerable<EvalSampleResult> results, string target, string scorer, double level = 0.95, ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        var items = ResultIndex.Aggregate(list, target, scorer);
        var means = items.Values.Select(i => i.Mean).ToArray();
        var errors = list.Count(r => string.Equals(r.Target, target, StringComparison.Ordinal)
            && (!r.Succeeded || r.GetScore(scorer) is { Error: not null } or { Value: null }));
        double? passRate = items.Count > 0 && items.Values.All(i => i.PassFraction is not null)
            ? items.Values.Average(i => i.PassFraction!.Value)
            : null;
        return new ScoreSummary
        {
            Target = target,
            Scorer = scorer,
            Items = items.Count,
            Samples = items.Values.Sum(i => i.Samples),
            Errors = errors,
            Mean = means.Length == 0 ? 0 : means.Average(),
            Interval = means.Length >= 2 ? Bootstrap.MeanInterval(means, level, seed: seed) : null,
            PassRate = passRate,
        };
    }
}
