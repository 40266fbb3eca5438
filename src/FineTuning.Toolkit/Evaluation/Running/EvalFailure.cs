using System.ClientModel;
using System.Globalization;
using System.Net;
using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>Describes a failed model call for results and reports (retries happen in the client pipeline, not here).</summary>
internal static class EvalFailure
{
    /// <summary>The HTTP status of a failure, when one can be found in the exception chain.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The status, or null.</returns>
    public static int? StatusOf(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is FineTuningApiException { StatusCode: > 0 } api) return api.StatusCode;
            if (ex is ClientResultException { Status: > 0 } client) return client.Status;
            if (ex is HttpRequestException { StatusCode: { } code }) return (int)code;
        }
        return null;
    }

    /// <summary>
    /// Whether a failure is worth trying again later: no HTTP status (a timeout, a reset, a truncated answer) or 408, 409, 429 or 5xx.
    /// A 400, 401, 403, 404 or 422 is the request's or the configuration's fault and fails the same way again.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns><see langword="true"/> when transient.</returns>
    public static bool IsTransient(Exception exception) => StatusOf(exception) is not { } status || status is 408 or 409 or 429 or >= 500;

    /// <summary>A short, secret-free description of a failure: status, type and the first 500 characters of the message, with key-shaped text masked.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The description.</returns>
    public static string Describe(Exception exception)
    {
        var status = StatusOf(exception);
        var message = SecretRedactor.Default.Redact(exception.Message);
        if (message.Length > 500) message = message[..500] + "…";
        if (status is { } st && WindDownHints.For(st, CodeOf(exception), message) is { } hint) message += hint;
        return status is { } s ? $"HTTP {s.ToString(CultureInfo.InvariantCulture)} ({(HttpStatusCode)s}): {message}" : $"{exception.GetType().Name}: {message}";
    }

    /// <summary>The service's error code, when the exception chain carries one.</summary>
    private static string? CodeOf(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is FineTuningApiException { ErrorCode: { } code }) return code;
            if (ex.Message.Contains("model_not_found", StringComparison.Ordinal)) return "model_not_found";
            if (ex.Message.Contains(WindDownHints.TrainingNotAvailable, StringComparison.Ordinal)) return WindDownHints.TrainingNotAvailable;
        }
        return null;
    }
}
