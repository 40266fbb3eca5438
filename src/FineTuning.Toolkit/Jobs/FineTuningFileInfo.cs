using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>A file stored on the service (training data, validation data or a result file).</summary>
public sealed class FineTuningFileInfo
{
    /// <summary>Gets the file id (<c>file-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the file name given at upload.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Gets when the file was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the file expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the purpose (<c>fine-tune</c>, <c>fine-tune-results</c>, …).</summary>
    public string? Purpose { get; init; }

    /// <summary>
    /// Gets the raw processing status (<c>uploaded</c>, <c>processed</c>, <c>error</c>, and on Azure also <c>pending</c>,
    /// <c>running</c>, <c>deleting</c>, <c>deleted</c>), read as a plain string.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>Gets the status details (deprecated by the service, kept for diagnostics).</summary>
    public string? StatusDetails { get; init; }

    /// <summary>Gets a value indicating whether processing finished successfully (or the provider does not report a status).</summary>
    public bool IsProcessed => Status is null or "processed";

    /// <summary>Gets a value indicating whether processing failed.</summary>
    public bool IsError => Status is "error" or "deleted" or "deleting";

    /// <summary>Gets the file object exactly as the service sent it.</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {FileName} ({Bytes} bytes, {Status})";
}
