namespace FineTuning.Toolkit.Evaluation;

/// <summary>How the evaluation runner retries a failed model call (408, 409, 429, 5xx and transport errors).</summary>
/// <remarks>
/// The server's <c>retry-after-ms</c> or <c>retry-after</c> header (seconds or an HTTP date) wins over the computed
/// back-off, capped at <see cref="MaxRetryAfter"/>; <c>x-should-retry: false</c> stops retrying.
/// </remarks>
public sealed record EvalRetryOptions
{
    /// <summary>Gets the number of retries after the first attempt.</summary>
    /// <value>The default value is 6.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Gets the first back-off delay when the server gives no retry-after; it doubles per attempt, with jitter.</summary>
    /// <value>The default value is 0.5 seconds.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets the largest computed back-off delay.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the longest server-requested wait that is honoured; longer requests are cut to this.</summary>
    /// <value>The default value is 120 seconds (as the official Python SDK).</value>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);
}
