namespace FineTuning.Toolkit.Jobs;

/// <summary>How API calls are retried (429, 408, 409, 5xx, connection failures and timeouts).</summary>
public sealed class FineTuningRetryOptions
{
    /// <summary>Gets or sets the number of retries after the first attempt.</summary>
    /// <value>The default value is 4.</value>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets the first backoff delay; it doubles on each retry, with jitter.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest wait honoured from <c>Retry-After</c> / <c>retry-after-ms</c>; longer requests are capped.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
