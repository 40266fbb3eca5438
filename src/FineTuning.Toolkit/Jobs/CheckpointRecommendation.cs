using System.Globalization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Which checkpoint to deploy, and why.</summary>
public sealed class CheckpointRecommendation
{
    /// <summary>Gets the recommended checkpoint.</summary>
    public required FineTuningCheckpointInfo Checkpoint { get; init; }

    /// <summary>Gets the reason, in one sentence.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Checkpoint.FineTunedModelCheckpoint ?? Checkpoint.Id}: {Reason}";

    internal static CheckpointRecommendation? Choose(IReadOnlyList<FineTuningCheckpointInfo> checkpoints, OverfittingAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0)
        {
            return null;
        }

        var last = checkpoints.MaxBy(c => c.StepNumber)!;
        var byFull = checkpoints.Where(c => c.Metrics.FullValidLoss is not null).MinBy(c => c.Metrics.FullValidLoss);
        if (byFull is not null)
        {
            return new CheckpointRecommendation
            {
                Checkpoint = byFull,
                Reason = string.Create(CultureInfo.InvariantCulture, $"lowest full validation loss ({byFull.Metrics.FullValidLoss:0.####} at step {byFull.StepNumber}) of the {checkpoints.Count} kept checkpoints")
                    + (byFull == last ? "; it is also the final model." : "; the final model scores worse, a sign of overfitting."),
            };
        }

        var byValid = checkpoints.Where(c => c.Metrics.ValidLoss is not null).MinBy(c => c.Metrics.ValidLoss);
        if (byValid is not null)
        {
            return new CheckpointRecommendation
            {
                Checkpoint = byValid,
                Reason = string.Create(CultureInfo.InvariantCulture, $"lowest validation loss on a batch ({byValid.Metrics.ValidLoss:0.####} at step {byValid.StepNumber}); no full validation loss was reported, so treat it as indicative."),
            };
        }

        if (analysis.BestStep is { } best && analysis.LikelyOverfitting)
        {
            var nearest = checkpoints.MinBy(c => Math.Abs(c.StepNumber - best))!;
            return new CheckpointRecommendation
            {
                Checkpoint = nearest,
                Reason = $"nearest kept checkpoint (step {nearest.StepNumber}) to the best validation step {best} in the metrics file; the run likely overfits afterwards.",
            };
        }

        return new CheckpointRecommendation
        {
            Checkpoint = last,
            Reason = analysis.BestStep is null
                ? "the final model: no validation metrics to compare checkpoints by."
                : "the final model: validation loss shows no overfitting.",
        };
    }
}
