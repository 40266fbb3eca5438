using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredEvent
{
    public required string Id { get; init; }

    public required long CreatedAt { get; init; }

    public required string Level { get; init; }

    public required string Message { get; init; }

    public required string Type { get; init; }

    public JsonObject? Data { get; init; }

    public JsonObject ToJson() => new()
    {
        ["object"] = "fine_tuning.job.event",
        ["id"] = Id,
        ["created_at"] = CreatedAt,
        ["level"] = Level,
        ["message"] = Message,
        ["data"] = Data?.DeepClone() ?? new JsonObject(),
        ["type"] = Type,
    };
}
