using System.Globalization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Whether a run overfits: how the validation/training loss ratio moves, and where validation loss was best. The one
/// overfitting rule of the toolkit: <see cref="TrainingMetrics.Analyze"/> and the checkpoint sweeps
/// (<c>TrainingMetricsSeries.AnalyzeOverfitting</c>) both use it.</summary>
/// <remarks>
/// Losses are smoothed over the last 5 points (the full validation loss, computed at epoch ends, is used as it is).
/// <see cref="LikelyOverfitting"/>: the validation loss ends at least 5% above its best while the validation/training loss
/// ratio rises or the training loss kept falling after the best step (or there are too few points to tell).
/// <see cref="LikelyMemorizing"/>: the final training loss is below a quarter of the final validation loss.
/// </remarks>
public sealed class OverfittingAnalysis
{
    private const int Window = 5;

    /// <summary>Gets the step with the lowest validation loss (full validation loss when the run reports it), if any.</summary>
    public int? BestStep { get; init; }

    /// <summary>Gets that lowest validation loss.</summary>
    public double? BestValidationLoss { get; init; }

    /// <summary>Gets the metric the best step was chosen by (<c>full_valid_loss</c> or <c>valid_loss</c>).</summary>
    public string? BestBy { get; init; }

    /// <summary>Gets the final (smoothed) validation loss.</summary>
    public double? FinalValidationLoss { get; init; }

    /// <summary>Gets the final (smoothed) training loss.</summary>
    public double? FinalTrainingLoss { get; init; }

    /// <summary>Gets the mean validation/training loss ratio over the first third of the run.</summary>
    public double? EarlyLossRatio { get; init; }

    /// <summary>Gets the mean validation/training loss ratio over the last third of the run.</summary>
    public double? LateLossRatio { get; init; }

    /// <summary>Gets the least-squares slope of the ratio per 100 steps (positive: validation loss pulls away from training loss).</summary>
    public double? LossRatioSlopePer100Steps { get; init; }

    /// <summary>Gets how far the final validation loss ended above its best, as a fraction (0.2 = 20% higher).</summary>
    public double? ValidationLossRise { get; init; }

    /// <summary>Gets the (smoothed) training loss at the best validation step.</summary>
    public double? TrainingLossAtBest { get; init; }

    /// <summary>Gets a value indicating whether the run likely overfits (validation loss ends ≥ 5% above its best while the
    /// ratio rises or the training loss kept falling).</summary>
    public bool LikelyOverfitting { get; init; }

    /// <summary>Gets a value indicating whether the final training loss is below a quarter of the final validation loss (the model may be memorising the training set).</summary>
    public bool LikelyMemorizing { get; init; }

    /// <summary>Gets a one-paragraph explanation.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override string ToString() => Summary;

    internal const double RiseThreshold = 0.05;
    internal const double MemorizationRatio = 0.25;

    internal static OverfittingAnalysis From(IReadOnlyList<TrainingMetricPoint> points)
    {
        var full = points.Where(p => p.FullValidLoss is not null).Select(p => (p.Step, Value: p.FullValidLoss!.Value)).ToList();
        var valid = Smooth(points.Where(p => p.ValidLoss is not null).Select(p => (p.Step, Value: p.ValidLoss!.Value)).ToList());
        var train = Smooth(points.Where(p => p.TrainLoss is not null).Select(p => (p.Step, Value: p.TrainLoss!.Value)).ToList());
        if (valid.Count == 0 && full.Count == 0)
        {
            return new OverfittingAnalysis
            {
                FinalTrainingLoss = train.Count > 0 ? train[^1].Value : null,
                Summary = "No validation metrics: add a validation file to detect overfitting.",
            };
        }

        var by = full.Count > 0 ? "full_valid_loss" : "valid_loss";
        var series = full.Count > 0 ? full : valid;
        var best = series.MinBy(p => p.Value);
        var final = series[^1].Value;

        var trainByStep = train.ToDictionary(p => p.Step, p => p.Value);
        var ratios = valid.Where(p => trainByStep.TryGetValue(p.Step, out var t) && t > 0).Select(p => (p.Step, Value: p.Value / trainByStep[p.Step])).ToList();
        double? early = null, late = null, slope = null;
        if (ratios.Count >= 3)
        {
            var third = Math.Max(1, ratios.Count / 3);
            early = ratios.Take(third).Average(r => r.Value);
            late = ratios.Skip(ratios.Count - third).Average(r => r.Value);
            slope = Slope(ratios) * 100;
        }

        var rising = slope is > 0 || (late is { } l && early is { } e && l > e * (1 + RiseThreshold));
        double? trainAtBest = null;
        foreach (var p in train.Where(p => p.Step <= best.Step))
        {
            trainAtBest = p.Value;
        }

        var finalTrain = train.Count > 0 ? train[^1].Value : (double?)null;
        var trainFell = trainAtBest is { } a && finalTrain is { } z && z < a;
        var rise = best.Value > 0 ? (final / best.Value) - 1 : 0;
        var overfit = rise > RiseThreshold && (rising || trainFell || ratios.Count < 3);
        var memorizing = finalTrain is { } ft && final > 0 && ft < final * MemorizationRatio;
        var text = string.Create(CultureInfo.InvariantCulture, $"Best {by} {best.Value:0.####} at step {best.Step}; final {final:0.####}.");
        if (early is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" Validation/training loss ratio {early:0.##} early, {late:0.##} late (slope {slope:+0.###;-0.###} per 100 steps).");
        }

        text += overfit
            ? string.Create(CultureInfo.InvariantCulture, $" Likely overfitting: validation loss rose {rise * 100:0}% after its best point")
                + (trainFell ? string.Create(CultureInfo.InvariantCulture, $" while training loss kept falling ({trainAtBest:0.####} → {finalTrain:0.####})") : string.Empty)
                + "; prefer the checkpoint nearest the best step, or fewer epochs."
            : " No clear overfitting.";
        if (memorizing)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" Final training loss {finalTrain:0.####} is below a quarter of the validation loss {final:0.####}: the model may be memorising the training set (run the memorisation probe).");
        }

        return new OverfittingAnalysis
        {
            BestStep = best.Step,
            BestValidationLoss = best.Value,
            BestBy = by,
            FinalValidationLoss = final,
            FinalTrainingLoss = train.Count > 0 ? train[^1].Value : null,
            EarlyLossRatio = early,
            LateLossRatio = late,
            LossRatioSlopePer100Steps = slope,
            ValidationLossRise = rise,
            TrainingLossAtBest = trainAtBest,
            LikelyOverfitting = overfit,
            LikelyMemorizing = memorizing,
            Summary = text,
        };
    }

    private static List<(int Step, double Value)> Smooth(List<(int Step, double Value)> series)
    {
        var smoothed = new List<(int Step, double Value)>(series.Count);
        for (var i = 0; i < series.Count; i++)
        {
            var from = Math.Max(0, i - Window + 1);
            var sum = 0.0;
            for (var j = from; j <= i; j++)
            {
                sum += series[j].Value;
            }

            smoothed.Add((series[i].Step, sum / (i - from + 1)));
        }

        return smoothed;
    }

    private static double Slope(List<(int Step, double Value)> series)
    {
        var meanX = series.Average(p => (double)p.Step);
        var meanY = series.Average(p => p.Value);
        var num = series.Sum(p => (p.Step - meanX) * (p.Value - meanY));
        var den = series.Sum(p => (p.Step - meanX) * (p.Step - meanX));
        return den == 0 ? 0 : num / den;
    }
}
