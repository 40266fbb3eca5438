using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredUpload
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required long Bytes { get; init; }

    public required string MimeType { get; init; }

    public required long CreatedAt { get; init; }

    public required long ExpiresAt { get; init; }

    /// <summary>When parts stop being accepted, in the time provider's (unaccelerated) time: transfers take real time at any speed.</summary>
    public required DateTimeOffset PartsDeadline { get; init; }

    /// <summary>The <c>expires_after.seconds</c> of the file the upload creates, if given.</summary>
    public long? FileExpiresAfter { get; init; }

    public string Status { get; set; } = "pending";

    public string? FileId { get; set; }

    public Dictionary<string, StoredUploadPart> Parts { get; } = new(StringComparer.Ordinal);

    public JsonObject ToJson(JsonObject? file) => new()
    {
        ["id"] = Id,
        ["object"] = "upload",
        ["bytes"] = Bytes,
        ["created_at"] = CreatedAt,
        ["filename"] = Filename,
        ["purpose"] = Purpose,
        ["status"] = Status,
        ["expires_at"] = ExpiresAt,
        ["file"] = file,
    };
}

internal sealed class StoredUploadPart
{
    public required string Id { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>Where the part's bytes are.</summary>
    public required string Path { get; init; }

    /// <summary>The part's size in bytes.</summary>
    public required long Length { get; init; }
}
