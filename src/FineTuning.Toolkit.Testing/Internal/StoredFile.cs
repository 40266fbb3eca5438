using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredFile
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required byte[] Content { get; init; }

    public required long CreatedAt { get; init; }

    public long? ExpiresAt { get; init; }

    public long Sequence { get; init; }

    /// <summary>Gets or sets the status: <c>processed</c>, or <c>pending</c> while an Azure import is processed, <c>error</c> when it failed.</summary>
    public string Status { get; set; } = "processed";

    /// <summary>Gets or sets the detail of an <c>error</c> status.</summary>
    public string? StatusDetails { get; set; }

    /// <summary>Gets or sets when a pending import is processed (emulated time); null when not pending.</summary>
    public DateTimeOffset? ImportReadyAt { get; set; }

    /// <summary>Gets or sets why a pending import will fail (its URL could not be fetched); null when it will succeed.</summary>
    public string? ImportError { get; set; }

    public JsonObject ToJson() => new()
    {
        ["object"] = "file",
        ["id"] = Id,
        ["purpose"] = Purpose,
        ["filename"] = Filename,
        ["bytes"] = Content.LongLength,
        ["created_at"] = CreatedAt,
        ["expires_at"] = ExpiresAt,
        ["status"] = Status,
        ["status_details"] = StatusDetails,
    };
}
