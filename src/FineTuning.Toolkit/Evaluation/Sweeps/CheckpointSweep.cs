using System.Globalization;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>
/// Recommends one checkpoint or job from an epoch/checkpoint sweep evaluated on the same set, so the effect of epochs
/// is measured rather than guessed.
/// </summary>
/// <remarks>
/// <para>Rule: the highest score wins; candidates within <c>tieTolerance</c> of the best score are tied (or, when
/// <c>tiedWithBest</c> is given, the candidates a paired comparison could not tell from the best one: see
/// <see cref="SweepRunner"/>), and ties are broken by lower validation loss, then fewer epochs / earlier step
/// (cheaper and less overfitted), then name.</para>
/// <para>Overfitting warnings: (1) a metrics series that the toolkit's overfitting rule flags
/// (<see cref="Jobs.OverfittingAnalysis"/>: validation loss ends more than 5% above its best while training loss kept
/// falling or the loss ratio rises, or final training loss below a quarter of the validation loss); (2) ordered by
/// epochs/step, the score falls by more than the tie tolerance after its peak.</para>
/// </remarks>
public static class CheckpointSweep
{
    /// <summary>Recommends a candidate.</summary>
    /// <param name="candidates">The candidates (at least one).</param>
    /// <param name="series">Optional metrics series (for validation losses by step and the loss-curve checks).</param>
    /// <param name="tieTolerance">Scores within this of the best are tied (when <paramref name="tiedWithBest"/> is not given).</param>
    /// <param name="tiedWithBest">The names of the candidates statistically tied with the best-scoring one (the paired comparison against it is not "worse"), or <see langword="null"/> to tie by <paramref name="tieTolerance"/>.</param>
    /// <returns>The recommendation.</returns>
    public static SweepRecommendation Recommend(IEnumerable<SweepCandidate> candidates, IEnumerable<TrainingMetricsSeries>? series = null, double tieTolerance = 0.01, IEnumerable<string>? tiedWithBest = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(tieTolerance);
        var seriesList = series?.ToList() ?? [];
        var list = candidates.Select(c => FillLoss(c, seriesList)).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        }

        var best = list.Max(c => c.Score);
        var tiedSet = tiedWithBest?.ToHashSet(StringComparer.Ordinal);
        bool IsTied(SweepCandidate c) => tiedSet is not null ? tiedSet.Contains(c.Name) || c.Score >= best : c.Score >= best - tieTolerance;
        var ranked = list
            .OrderByDescending(c => IsTied(c) ? 1 : 0)
            .ThenByDescending(c => IsTied(c) ? 0 : c.Score)
            .ThenBy(c => c.ValidLoss ?? double.MaxValue)
            .ThenBy(c => c.Epochs ?? double.MaxValue)
            .ThenBy(c => c.Step ?? int.MaxValue)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var tied = ranked.Where(IsTied).ToList();
        var pick = ranked[0];
        var inv = CultureInfo.InvariantCulture;
        string reason;
        if (tied.Count == 1)
        {
            reason = string.Create(inv, $"{pick.Name} has the best score ({pick.Score:0.####})");
            if (ranked.Count > 1)
            {
                reason += string.Create(inv, $", {pick.Score - ranked[1].Score:0.####} above the next ({ranked[1].Name})");
            }
        }
        else
        {
            var tieBreak = tied.All(c => c.ValidLoss is not null) && tied.Select(c => c.ValidLoss).Distinct().Count() > 1
                ? string.Create(inv, $"the lowest validation loss ({pick.ValidLoss:0.####})")
                : pick.Epochs is not null || pick.Step is not null ? "the fewest epochs / earliest step" : "name order";
            reason = tiedSet is not null
                ? string.Create(inv, $"{tied.Count} candidates are not significantly worse than the best score ({best:0.####}, paired comparison); {pick.Name} wins on {tieBreak}")
                : string.Create(inv, $"{tied.Count} candidates score within {tieTolerance:0.###} of the best ({best:0.####}); {pick.Name} wins on {tieBreak}");
        }

        var warnings = new List<string>();
        foreach (var s in seriesList)
        {
            CheckSeries(s, warnings);
        }

        CheckScoreTrend(list, tieTolerance, warnings);
        return new SweepRecommendation(pick, reason + ".", ranked, tied, warnings);
    }

    private static SweepCandidate FillLoss(SweepCandidate c, List<TrainingMetricsSeries> series)
    {
        if (c.ValidLoss is not null || c.Step is not { } step)
        {
            return c;
        }

        var match = series.FirstOrDefault(s => string.Equals(s.Name, c.Name, StringComparison.Ordinal)) ?? (series.Count == 1 ? series[0] : null);
        return match?.NearestWithValidLoss(step) is { } point ? c with { ValidLoss = point.ValidationLoss, TrainLoss = c.TrainLoss ?? point.TrainLoss } : c;
    }

    private static void CheckSeries(TrainingMetricsSeries s, List<string> warnings)
    {
        var analysis = s.AnalyzeOverfitting();
        if (analysis.LikelyOverfitting || analysis.LikelyMemorizing)
        {
            warnings.Add($"Overfitting in {s.Name}: {analysis.Summary}");
        }
    }

    private static void CheckScoreTrend(List<SweepCandidate> list, double tolerance, List<string> warnings)
    {
        var ordered = list.Where(c => c.Epochs is not null || c.Step is not null).OrderBy(c => c.Epochs ?? 0).ThenBy(c => c.Step ?? 0).ToList();
        if (ordered.Count < 3)
        {
            return;
        }

        var peakIndex = ordered.IndexOf(ordered.MaxBy(c => c.Score)!);
        var last = ordered[^1];
        if (peakIndex < ordered.Count - 1 && ordered[peakIndex].Score - last.Score > tolerance)
        {
            var peak = ordered[peakIndex];
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Overfitting across the sweep: the score peaks at {peak.Name} ({peak.Score:0.####}) and falls to {last.Score:0.####} at {last.Name}; more training made the model worse on this set."));
        }
    }
}
