namespace FineTuning.Toolkit.Jobs;

/// <summary>What a <see cref="JobUpdate"/> reports.</summary>
public enum JobUpdateKind
{
    /// <summary>The job's status changed (the first update of a watch reports the current status).</summary>
    StatusChanged,

    /// <summary>A new event (messages; metrics events also carry <see cref="JobUpdate.Metrics"/>).</summary>
    Event,

    /// <summary>A new checkpoint.</summary>
    Checkpoint,

    /// <summary>The job reached a terminal status; the watch ends after this update.</summary>
    Completed,

    /// <summary>
    /// A poll failed transiently after its retries: the service is unavailable since <see cref="JobUpdate.UnavailableSince"/>;
    /// the watch polls again after <see cref="JobUpdate.NextPollIn"/> (see <see cref="JobPollingOptions.MaxOutage"/>).
    /// </summary>
    ServiceUnavailable,

    /// <summary>The first successful poll after an outage (which began at <see cref="JobUpdate.UnavailableSince"/>).</summary>
    ServiceRestored,
}
