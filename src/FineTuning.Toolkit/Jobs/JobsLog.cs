using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The Jobs area's source-generated log messages. No message ever carries the API key.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(EventId = 3004, EventName = "CreateRecovered", Level = LogLevel.Information,
        Message = "{Operation}: an ambiguous failure was followed by a lookup that found the already created {ResourceId}; not retrying.")]
    public static partial void Recovered(this ILogger logger, string operation, string resourceId);

    [LoggerMessage(EventId = 3010, EventName = "JobCreated", Level = LogLevel.Information,
        Message = "Created fine-tuning job {JobId} on {Model} ({Method}).")]
    public static partial void JobCreated(this ILogger logger, string jobId, string? model, string? method);

    [LoggerMessage(EventId = 3011, EventName = "JobStatusChanged", Level = LogLevel.Information,
        Message = "Fine-tuning job {JobId} moved to {Status}.")]
    public static partial void JobStatusChanged(this ILogger logger, string jobId, string status);

    [LoggerMessage(EventId = 3012, EventName = "JobPolled", Level = LogLevel.Debug,
        Message = "Polled job {JobId}: {Status}; next poll in {DelayMs} ms.")]
    public static partial void JobPolled(this ILogger logger, string jobId, string status, long delayMs);

    [LoggerMessage(EventId = 3013, EventName = "WatchPollFailed", Level = LogLevel.Warning,
        Message = "Polling job {JobId} failed ({Consecutive} in a row): {Reason}.")]
    public static partial void WatchPollFailed(this ILogger logger, string jobId, int consecutive, string reason);

    [LoggerMessage(EventId = 3014, EventName = "WatchServiceRestored", Level = LogLevel.Information,
        Message = "Polling job {JobId} works again after {FailedPolls} failed polls ({Seconds} s).")]
    public static partial void WatchServiceRestored(this ILogger logger, string jobId, int failedPolls, long seconds);

    [LoggerMessage(EventId = 3015, EventName = "WatchGaveUp", Level = LogLevel.Error,
        Message = "Stopped watching job {JobId}: the service failed {FailedPolls} polls over {Seconds} s, past the outage budget.")]
    public static partial void WatchGaveUp(this ILogger logger, string jobId, int failedPolls, long seconds);

    [LoggerMessage(EventId = 3020, EventName = "FileReused", Level = LogLevel.Information,
        Message = "Reusing uploaded file {FileId} for {FileName} (sha256 {Sha256}).")]
    public static partial void FileReused(this ILogger logger, string fileId, string fileName, string sha256);

    [LoggerMessage(EventId = 3021, EventName = "FileUploaded", Level = LogLevel.Information,
        Message = "Uploaded {FileName} ({Bytes} bytes) as {FileId} via the {Api} API.")]
    public static partial void FileUploaded(this ILogger logger, string fileName, long bytes, string fileId, string api);

    [LoggerMessage(EventId = 3022, EventName = "UploadCancelled", Level = LogLevel.Warning,
        Message = "Upload {UploadId} was aborted and cancelled on the service.")]
    public static partial void UploadCancelled(this ILogger logger, string uploadId);

    [LoggerMessage(EventId = 3023, EventName = "UploadsApiUnavailable", Level = LogLevel.Information,
        Message = "The Uploads API is not available on this endpoint (HTTP {Status}); falling back to the Files API.")]
    public static partial void UploadsApiUnavailable(this ILogger logger, int status);

    [LoggerMessage(EventId = 3030, EventName = "ExportedJob", Level = LogLevel.Information,
        Message = "Exported job {JobId} ({Files} files written, {Skipped} already complete).")]
    public static partial void ExportedJob(this ILogger logger, string jobId, int files, int skipped);
}
