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

    public JsonObject ToJson() => new()
    {
        ["object"] = "file",
        ["id"] = Id,
        ["purpose"] = Purpose,
        ["filename"] = Filename,
        ["bytes"] = Content.LongLength,
        ["created_at"] = CreatedAt,
        ["expires_at"] = ExpiresAt,
        ["status"] = "processed",
        ["status_details"] = null,
    };
}
