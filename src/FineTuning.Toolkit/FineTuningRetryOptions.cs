using System.ComponentModel.DataAnnotations;

namespace FineTuning.Toolkit;

/// <summary>
/// How every call the toolkit makes is retried (jobs, files, uploads, evaluation, batches, judges, embeddings): 408, 409,
/// 429, 5xx, connection failures and timeouts. The server's <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or
/// <c>retry-after</c> wins over the computed back-off, capped at <see cref="MaxRetryAfter"/>; <c>x-should-retry</c> is obeyed;
/// no call retries past <see cref="TotalTimeout"/>. Bound from <c>FineTuning:Retry</c>.
/// </summary>
public sealed class FineTuningRetryOptions
{
    /// <summary>Gets or sets the number of retries after the first attempt.</summary>
    /// <value>The default value is 4.</value>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets the first backoff delay; it doubles on each retry, with jitter.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest computed backoff delay.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest wait honoured from <c>Retry-After</c> / <c>retry-after-ms</c>; longer requests are capped.</summary>
    /// <value>The default value is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the time budget of one call, all attempts and waits included: no retry starts after it.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
