using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Connections;

/// <summary>Source-generated log messages of the connection (retries, failures). Never the API key.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 3001, EventName = "ApiCallFailed", Level = LogLevel.Warning,
        Message = "{Operation} ({Method} {Path}) failed with HTTP {Status} (attempt {Attempt}); retrying in {DelayMs} ms. Request id {RequestId}.")]
    public static partial void Retrying(this ILogger logger, string operation, string method, string path, int status, int attempt, long delayMs, string? requestId);

    [LoggerMessage(EventId = 3002, EventName = "ApiCallTransportFailed", Level = LogLevel.Warning,
        Message = "{Operation} ({Method} {Path}) got no response (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms.")]
    public static partial void RetryingNoResponse(this ILogger logger, string operation, string method, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 3003, EventName = "ApiCallError", Level = LogLevel.Debug,
        Message = "{Operation} ({Method} {Path}) failed with HTTP {Status}, code {Code}. Request id {RequestId}.")]
    public static partial void CallFailed(this ILogger logger, string operation, string method, string path, int status, string? code, string? requestId);

    [LoggerMessage(EventId = 3005, EventName = "RetryBudgetSpent", Level = LogLevel.Warning,
        Message = "{Operation} ({Method} {Path}): not retrying, {Reason}.")]
    public static partial void RetryStopped(this ILogger logger, string operation, string method, string path, string reason);
}
