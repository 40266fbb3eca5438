namespace FineTuning.Toolkit;

/// <summary>
/// How often a watched job is polled: slowly while it waits, faster while it trains, backing off when nothing changes;
/// and how a watch rides out an outage of the service. Bound from <c>FineTuning:Polling</c>.
/// </summary>
public sealed class JobPollingOptions
{
    /// <summary>Gets or sets the interval while the job validates files, is queued or paused.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan QueuedInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the interval while the job runs and something changed since the last poll.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RunningInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest interval: unchanged polls back off (×1.5) up to this.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the longest wait between polls while the service keeps failing (after each poll's own retries): the
    /// first failed poll is repeated after <see cref="RunningInterval"/>, doubling up to this; the first successful poll
    /// returns to the normal intervals. It bounds how late a watch notices that the service is back.
    /// </summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan OutageInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long a watch keeps polling a service that fails transiently (5xx, 429, 408, no response) before
    /// it gives up with an error naming the outage; the job itself keeps running on the service.
    /// </summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan MaxOutage { get; set; } = TimeSpan.FromMinutes(10);
}
