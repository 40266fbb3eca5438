using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>The evaluation runner's log messages.</summary>
internal static partial class EvalRunLog
{
    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Call for {Target} item {ItemId} sample {Sample} failed: {Reason}")]
    public static partial void CallFailed(ILogger logger, string target, string itemId, int sample, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Resuming: {Completed} completed results found in {Path}")]
    public static partial void Resuming(ILogger logger, int completed, string path);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Batch {BatchId} for model {Model} created with {Requests} requests")]
    public static partial void BatchCreated(ILogger logger, string batchId, string model, int requests);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Batch {BatchId} is {Status} ({Completed}/{Total} done, {Failed} failed)")]
    public static partial void BatchStatus(ILogger logger, string batchId, string status, int completed, int total, int failed);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Trying {Count} calls that failed with transient errors once more")]
    public static partial void RetryingFailed(ILogger logger, int count);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Error, Message = "Stopping the run: {Count} calls in a row failed; last: {Reason}")]
    public static partial void CircuitOpen(ILogger logger, int count, string reason);
}
