using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>One checkpoint or job in an epoch/checkpoint sweep, with its evaluation score.</summary>
/// <param name="Name">The target name (for example the checkpoint's model id).</param>
/// <param name="Score">The mean evaluation score (higher is better).</param>
public sealed record SweepCandidate(string Name, double Score)
{
    /// <summary>Gets the score's confidence interval, when known.</summary>
    public ConfidenceInterval? ScoreInterval { get; init; }

    /// <summary>Gets the number of epochs (of the job) or the epoch of the checkpoint, when known.</summary>
    public double? Epochs { get; init; }

    /// <summary>Gets the training step of the checkpoint, when known.</summary>
    public int? Step { get; init; }

    /// <summary>Gets the validation loss at the checkpoint, when known (filled from the metrics series by step if absent).</summary>
    public double? ValidLoss { get; init; }

    /// <summary>Gets the fine-tuning job the candidate comes from, when known.</summary>
    public string? JobId { get; init; }

    /// <summary>Gets the training loss at the checkpoint, when known.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Creates a candidate from a score summary.</summary>
    /// <param name="summary">The target's summary on the sweep's scorer.</param>
    /// <returns>The candidate.</returns>
    public static SweepCandidate FromSummary(ScoreSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SweepCandidate(summary.Target, summary.Mean) { ScoreInterval = summary.Interval };
    }
}
