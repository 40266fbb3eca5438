using System.ClientModel;
using System.Globalization;
using System.Net;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>Decides whether and how long to wait before retrying a failed model call.</summary>
internal static class EvalRetry
{
    /// <summary>The HTTP status of a failure, when one can be found in the exception chain.</summary>
    public static int? StatusOf(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is ClientResultException { Status: > 0 } client) return client.Status;
            if (ex is HttpRequestException { StatusCode: { } code }) return (int)code;
        }
        return null;
    }

    /// <summary>True when the failure is worth retrying: 408, 409, 429, 5xx, or a transport error with no status.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested) return false;
        if (ShouldRetryHeader(exception) is { } explicitAnswer) return explicitAnswer;
        var status = StatusOf(exception);
        if (status is { } s) return s is 408 or 409 or 429 or >= 500;
        return exception is HttpRequestException or IOException or TimeoutException or OperationCanceledException
            || exception.InnerException is HttpRequestException or IOException;
    }

    /// <summary>The wait before the next attempt: the server's retry-after (capped) or exponential back-off with jitter.</summary>
    public static TimeSpan DelayFor(Exception exception, int attempt, EvalRetryOptions options, TimeProvider time)
    {
        if (RetryAfter(exception, time) is { } serverDelay)
        {
            return serverDelay > options.MaxRetryAfter ? options.MaxRetryAfter : serverDelay;
        }
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        // Full jitter on the upper half keeps concurrent workers from retrying in lock-step.
        var jittered = capped / 2 + (Random.Shared.NextDouble() * capped / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>The server-requested delay from <c>retry-after-ms</c> or <c>retry-after</c>, when present.</summary>
    public static TimeSpan? RetryAfter(Exception exception, TimeProvider time)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is not ClientResultException client || client.GetRawResponse() is not { } response) continue;
            if (response.Headers.TryGetValue("retry-after-ms", out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
            if (response.Headers.TryGetValue("retry-after", out var value) && value is not null)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    var delta = date - time.GetUtcNow();
                    return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
                }
            }
        }
        return null;
    }

    private static bool? ShouldRetryHeader(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is ClientResultException client && client.GetRawResponse() is { } response
                && response.Headers.TryGetValue("x-should-retry", out var value))
            {
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) return false;
            }
        }
        return null;
    }

    /// <summary>A short, secret-free description of a failure for results and reports.</summary>
    public static string Describe(Exception exception)
    {
        var status = StatusOf(exception);
        var message = exception.Message;
        if (message.Length > 500) message = message[..500] + "…";
        return status is { } s ? $"HTTP {s.ToString(CultureInfo.InvariantCulture)} ({(HttpStatusCode)s}): {message}" : $"{exception.GetType().Name}: {message}";
    }
}
