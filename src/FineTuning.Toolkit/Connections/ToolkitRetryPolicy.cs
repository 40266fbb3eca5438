using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using FineTuning.Toolkit.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// The toolkit's one retry policy, installed on the pipeline of every client the connection builds (jobs, files,
/// uploads, chat, embeddings, batches): retries 408, 409, 429, 5xx and transport failures; honours
/// <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> and <c>retry-after</c> (seconds or HTTP date) up to a cap, and
/// <c>x-should-retry</c>; otherwise jittered exponential back-off; waits on the injected <see cref="TimeProvider"/>;
/// stops when the call's total time budget would be exceeded; and, for non-idempotent calls, runs the call's
/// recover-before-retry hook (<see cref="RetryCallState.Recover"/>) after an ambiguous failure.
/// </summary>
internal sealed class ToolkitRetryPolicy : ClientRetryPolicy
{
    private readonly FineTuningRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ToolkitRetryPolicy(FineTuningRetryOptions options, TimeProvider time, ILogger logger)
        : base(options.MaxRetries)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the options.</summary>
    public FineTuningRetryOptions Options => _options;

    /// <summary>True when a failure is worth retrying: 408, 409, 429, 5xx (unless <c>x-should-retry: false</c>), or <c>x-should-retry: true</c>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="shouldRetryHeader">The <c>x-should-retry</c> header, if any.</param>
    /// <returns>Whether to retry.</returns>
    public static bool IsTransientStatus(int status, string? shouldRetryHeader)
    {
        if (string.Equals(shouldRetryHeader, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(shouldRetryHeader, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return status is 408 or 409 or 429 or >= 500;
    }

    /// <summary>The backoff before retry number <paramref name="retry"/> + 1: the server's wait (capped) or jittered exponential backoff. Never negative.</summary>
    /// <param name="retry">The number of retries already made.</param>
    /// <param name="serverDelay">The wait the server asked for, if any.</param>
    /// <returns>The delay.</returns>
    public TimeSpan ComputeDelay(int retry, TimeSpan? serverDelay)
    {
        if (serverDelay is { } server)
        {
            var capped = server > _options.MaxRetryAfter ? _options.MaxRetryAfter : server;
            return capped < TimeSpan.Zero ? TimeSpan.Zero : capped;
        }

        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var bounded = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
        var jittered = bounded * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    /// <summary>The wait the server asked for in <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or <c>retry-after</c>.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The wait, or <see langword="null"/> when the response names none.</returns>
    public TimeSpan? ReadRetryAfter(PipelineResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if ((response.Headers.TryGetValue("retry-after-ms", out var ms) || response.Headers.TryGetValue("x-ms-retry-after-ms", out ms))
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && double.IsFinite(milliseconds))
        {
            return TimeSpan.FromMilliseconds(Math.Clamp(milliseconds, 0, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        if (response.Headers.TryGetValue("retry-after", out var after) && after is not null)
        {
            if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.FromDays(1).TotalSeconds));
            }

            if (DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - _time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    protected override void OnSendingRequest(PipelineMessage message)
    {
        Start(message);
        base.OnSendingRequest(message);
    }

    /// <inheritdoc/>
    protected override ValueTask OnSendingRequestAsync(PipelineMessage message)
    {
        Start(message);
        return base.OnSendingRequestAsync(message);
    }

    /// <inheritdoc/>
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        Decide(message, exception, out _, out _);

    /// <inheritdoc/>
    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception)
    {
        if (!Decide(message, exception, out var ambiguous, out var state))
        {
            return false;
        }

        if (!ambiguous || state.Recover is null)
        {
            return true;
        }

        // A non-idempotent call failed ambiguously: wait, then look for what the attempt may have created before retrying.
        if (state.NextDelay > TimeSpan.Zero)
        {
            await Task.Delay(state.NextDelay, _time, message.CancellationToken).ConfigureAwait(false);
            state.NextDelay = TimeSpan.Zero;
        }

        try
        {
            state.Recovered = await state.Recover(message.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !message.CancellationToken.IsCancellationRequested)
        {
            state.RecoveryFailure = ex;
            return false;
        }

        return state.Recovered is null;
    }

    /// <inheritdoc/>
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) => RetryCallState.Of(message).NextDelay;

    /// <inheritdoc/>
    protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken) =>
        time <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(time, _time, cancellationToken);

    /// <inheritdoc/>
    protected override void Wait(TimeSpan time, CancellationToken cancellationToken) =>
        WaitAsync(time, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Notes the call's start and keeps each attempt's network timeout within what is left of the call's time budget.</summary>
    private void Start(PipelineMessage message)
    {
        var state = RetryCallState.Of(message);
        state.Started ??= _time.GetTimestamp();
        var remaining = _options.TotalTimeout - _time.GetElapsedTime(state.Started.Value);
        if (remaining < TimeSpan.FromMilliseconds(1))
        {
            remaining = TimeSpan.FromMilliseconds(1);
        }

        if (message.NetworkTimeout is { } timeout && timeout > remaining)
        {
            message.NetworkTimeout = remaining;
        }
    }

    private bool Decide(PipelineMessage message, Exception? exception, out bool ambiguous, out RetryCallState state)
    {
        state = RetryCallState.Of(message);
        ambiguous = false;
        if (message.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = message.Request;
        var operation = state.Operation ?? "call";
        var path = request.Uri?.AbsolutePath ?? string.Empty;
        int status;
        TimeSpan? serverDelay = null;
        string? reason = null;
        string? requestId = null;
        if (exception is not null)
        {
            if (!IsTransportFailure(exception))
            {
                return false;
            }

            status = 0;
            ambiguous = true;
            reason = exception is OperationCanceledException ? "the request timed out" : (exception.InnerException ?? exception).Message;
        }
        else
        {
            var response = message.Response;
            if (response is null || !response.IsError)
            {
                return false;
            }

            status = response.Status;
            var shouldRetry = response.Headers.TryGetValue("x-should-retry", out var header) ? header : null;
            if (!IsTransientStatus(status, shouldRetry))
            {
                return false;
            }

            ambiguous = status is 408 or >= 500;
            serverDelay = ReadRetryAfter(response);
            requestId = ApiConnection.ReadRequestId(response);
        }

        if (state.Retries >= _options.MaxRetries)
        {
            return false;
        }

        var delay = ComputeDelay(state.Retries, serverDelay);
        var elapsed = state.Started is { } started ? _time.GetElapsedTime(started) : TimeSpan.Zero;
        if (elapsed + delay > _options.TotalTimeout)
        {
            state.StoppedBecause = string.Create(
                CultureInfo.InvariantCulture,
                $"the call's time budget (FineTuning:Retry:TotalTimeout = {_options.TotalTimeout.TotalSeconds:0.#} s) would be exceeded after {elapsed.TotalSeconds:0.#} s and {state.Retries} retries");
            _logger.RetryStopped(operation, request.Method, path, state.StoppedBecause);
            return false;
        }

        state.Retries++;
        RetryCounter.Current?.Increment();
        state.NextDelay = delay;
        if (status == 0)
        {
            _logger.RetryingNoResponse(operation, request.Method, path, state.Retries, reason ?? "no response", (long)delay.TotalMilliseconds);
        }
        else
        {
            _logger.Retrying(operation, request.Method, path, status, state.Retries, (long)delay.TotalMilliseconds, requestId);
        }

        ToolkitTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("ftk.operation", operation));
        return true;
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutException or OperationCanceledException
        || (exception is ClientResultException { Status: 0 })
        || exception.InnerException is HttpRequestException or IOException or TimeoutException;
}
