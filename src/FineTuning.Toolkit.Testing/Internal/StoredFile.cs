using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredFile
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    /// <summary>Where the bytes are (the emulator's content folder, or a --data folder for loaded state).</summary>
    public required string ContentPath { get; init; }

    /// <summary>The size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Reads the whole content (for small files: batch inputs, training files under inspection are streamed instead).</summary>
    public byte[] Content => File.Exists(ContentPath) ? File.ReadAllBytes(ContentPath) : [];

    /// <summary>Opens the content for reading.</summary>
    public Stream OpenRead() => File.Exists(ContentPath) ? FileContentStore.OpenRead(ContentPath) : Stream.Null;

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
        ["bytes"] = Bytes,
        ["created_at"] = CreatedAt,
        ["expires_at"] = ExpiresAt,
        ["status"] = Status,
        ["status_details"] = StatusDetails,
    };
}
