namespace FineTuning.Toolkit.Jobs;

/// <summary>One update from <see cref="FineTuningJobMonitor.WatchAsync"/>.</summary>
public sealed class JobUpdate
{
    /// <summary>Gets what this update reports.</summary>
    public required JobUpdateKind Kind { get; init; }

    /// <summary>
    /// Gets the job as last polled. During an outage before the first successful poll it carries only the id (status
    /// <c>unknown</c>).
    /// </summary>
    public required FineTuningJobInfo Job { get; init; }

    /// <summary>Gets the new event, for <see cref="JobUpdateKind.Event"/>.</summary>
    public FineTuningEventInfo? Event { get; init; }

    /// <summary>Gets the metrics of a metrics event, if this event carries some.</summary>
    public TrainingMetricPoint? Metrics => Event?.Metrics;

    /// <summary>Gets the new checkpoint, for <see cref="JobUpdateKind.Checkpoint"/>.</summary>
    public FineTuningCheckpointInfo? Checkpoint { get; init; }

    /// <summary>Gets the latest training step seen so far.</summary>
    public int? Step { get; init; }

    /// <summary>Gets the total number of steps, once a metrics event reported it.</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Gets the latest training loss seen so far.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the estimated time until training ends, from the observed step rate (or the service's estimate).</summary>
    public TimeSpan? EstimatedTimeRemaining { get; init; }

    /// <summary>
    /// Gets when the service became unavailable (the start of the first failed poll), for
    /// <see cref="JobUpdateKind.ServiceUnavailable"/> and <see cref="JobUpdateKind.ServiceRestored"/>.
    /// </summary>
    public DateTimeOffset? UnavailableSince { get; init; }

    /// <summary>Gets the number of failed polls of the current (or just ended) outage.</summary>
    public int FailedPolls { get; init; }

    /// <summary>Gets the last poll's failure (after its retries), for <see cref="JobUpdateKind.ServiceUnavailable"/>.</summary>
    public FineTuningApiException? Failure { get; init; }

    /// <summary>Gets the wait before the next poll, for <see cref="JobUpdateKind.ServiceUnavailable"/>.</summary>
    public TimeSpan? NextPollIn { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        JobUpdateKind.ServiceUnavailable => $"{Job.Id}: service unavailable since {UnavailableSince:u} ({FailedPolls} failed polls), retrying in {NextPollIn}",
        JobUpdateKind.ServiceRestored => $"{Job.Id}: service available again (unavailable since {UnavailableSince:u}, {FailedPolls} failed polls)",
        JobUpdateKind.Event => $"{Job.Id}: {Event}",
        JobUpdateKind.Checkpoint => $"{Job.Id}: checkpoint {Checkpoint}",
        _ => $"{Job.Id}: {Kind} {Job.Status}",
    };
}
