namespace FineTuning.Toolkit;

/// <summary>How often a watched job is polled: slowly while it waits, faster while it trains, backing off when nothing changes.</summary>
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

    /// <summary>Gets or sets how many consecutive failed polls a watch tolerates before it gives up.</summary>
    /// <value>The default value is 10.</value>
    public int MaxConsecutiveErrors { get; set; } = 10;
}
