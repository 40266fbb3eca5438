using System.Globalization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// How many epochs the run should have had, from the validation loss per epoch: the epoch after which it stopped
/// improving ("validation loss rose after epoch 2 of 5: try 2 epochs"), or the trained count when it kept improving.
/// Built by <see cref="TrainingMetrics.RecommendEpochs"/>.
/// </summary>
/// <remarks>
/// An epoch's validation loss is the full validation loss reported at its end when the run has one, else the mean of
/// the batch validation losses of its steps. A rise counts when the last epoch ends more than 5% above the best one
/// (the rule of <see cref="OverfittingAnalysis"/>).
/// </remarks>
public sealed class EpochRecommendation
{
    /// <summary>Gets the number of epochs the run trained.</summary>
    public required int TrainedEpochs { get; init; }

    /// <summary>Gets the recommended number of epochs.</summary>
    public required int RecommendedEpochs { get; init; }

    /// <summary>Gets the epoch (1-based) with the lowest validation loss.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Gets the validation loss of each epoch, in order.</summary>
    public required IReadOnlyList<double> ValidationLossByEpoch { get; init; }

    /// <summary>Gets the validation metric the epochs were compared by (<c>full_valid_loss</c> or <c>valid_loss</c>).</summary>
    public required string By { get; init; }

    /// <summary>Gets a value indicating whether validation loss rose after <see cref="BestEpoch"/> (fewer epochs recommended).</summary>
    public bool ValidationLossRose => RecommendedEpochs < TrainedEpochs;

    /// <summary>Gets the advice in one sentence.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Reason;

    internal static EpochRecommendation? From(IReadOnlyList<TrainingMetricPoint> points, int? epochs)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var lastStep = points.Max(p => p.Step);
        var full = points.Where(p => p.FullValidLoss is not null).OrderBy(p => p.Step).ToList();
        List<double> losses;
        string by;
        if (full.Count >= 2 && (epochs is null || epochs == full.Count))
        {
            // The full validation loss is computed at each epoch's end: one value per epoch.
            losses = [.. full.Select(p => p.FullValidLoss!.Value)];
            by = "full_valid_loss";
        }
        else
        {
            var count = epochs ?? 0;
            if (count < 2 || points.All(p => p.ValidLoss is null))
            {
                return null;
            }

            var perEpoch = (double)lastStep / count;
            losses = [];
            for (var epoch = 0; epoch < count; epoch++)
            {
                var from = epoch * perEpoch;
                var to = (epoch + 1) * perEpoch;
                var inEpoch = points.Where(p => p.ValidLoss is not null && p.Step > from && p.Step <= to).Select(p => p.ValidLoss!.Value).ToList();
                if (inEpoch.Count == 0)
                {
                    return null;
                }

                losses.Add(inEpoch.Average());
            }

            by = "valid_loss";
        }

        var trained = losses.Count;
        var best = 0;
        for (var i = 1; i < trained; i++)
        {
            if (losses[i] < losses[best])
            {
                best = i;
            }
        }

        var rose = best < trained - 1 && losses[best] > 0 && (losses[^1] / losses[best]) - 1 > OverfittingAnalysis.RiseThreshold;
        var recommended = rose ? best + 1 : trained;
        var reason = rose
            ? string.Create(CultureInfo.InvariantCulture, $"validation loss rose after epoch {best + 1} of {trained} ({losses[best]:0.####} → {losses[^1]:0.####} {by}): try {best + 1} epoch{(best == 0 ? string.Empty : "s")}.")
            : best == trained - 1
                ? string.Create(CultureInfo.InvariantCulture, $"validation loss was lowest at the last epoch ({losses[^1]:0.####} {by} at epoch {trained}): keep {trained} epochs; more may still help.")
                : string.Create(CultureInfo.InvariantCulture, $"validation loss was flat after epoch {best + 1} of {trained} (within {OverfittingAnalysis.RiseThreshold * 100:0}%): {trained} epochs are fine; {best + 1} would cost less.");
        return new EpochRecommendation
        {
            TrainedEpochs = trained,
            RecommendedEpochs = recommended,
            BestEpoch = best + 1,
            ValidationLossByEpoch = losses,
            By = by,
            Reason = reason,
        };
    }
}
