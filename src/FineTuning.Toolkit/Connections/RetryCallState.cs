using System.ClientModel.Primitives;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// What <see cref="ToolkitRetryPolicy"/> keeps about one call (a <see cref="PipelineMessage"/> and its retries): the
/// start, the attempts, the next delay, and the optional recover-before-retry hook of non-idempotent calls with its outcome.
/// </summary>
internal sealed class RetryCallState
{
    /// <summary>Gets or sets the operation name used in logs (e.g. <c>jobs.create</c>).</summary>
    public string? Operation { get; set; }

    /// <summary>Gets or sets the timestamp of the first attempt (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long? Started { get; set; }

    /// <summary>Gets or sets the number of retries made so far.</summary>
    public int Retries { get; set; }

    /// <summary>Gets or sets the delay before the next attempt.</summary>
    public TimeSpan NextDelay { get; set; }

    /// <summary>
    /// Gets or sets the hook that, after an ambiguous failure (no response, timeout, 408, 5xx) and before a retry, looks
    /// for what the failed attempt may have created; a non-null result ends the call with it.
    /// </summary>
    public Func<CancellationToken, Task<object?>>? Recover { get; set; }

    /// <summary>Gets or sets the resource the hook found.</summary>
    public object? Recovered { get; set; }

    /// <summary>Gets or sets the failure of the hook's own lookup (the call then stops: a blind retry could duplicate).</summary>
    public Exception? RecoveryFailure { get; set; }

    /// <summary>Gets or sets why retrying stopped early (the total time budget), if it did.</summary>
    public string? StoppedBecause { get; set; }

    /// <summary>Gets the state of <paramref name="message"/>, creating it on first use.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The state.</returns>
    public static RetryCallState Of(PipelineMessage message)
    {
        if (message.TryGetProperty(typeof(RetryCallState), out var value) && value is RetryCallState state)
        {
            return state;
        }

        state = new RetryCallState();
        message.SetProperty(typeof(RetryCallState), state);
        return state;
    }
}
