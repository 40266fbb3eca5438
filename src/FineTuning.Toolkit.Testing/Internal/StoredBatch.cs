using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredBatch
{
    public required string Id { get; init; }

    public required string InputFileId { get; init; }

    public required string Endpoint { get; init; }

    public required string CompletionWindow { get; init; }

    public JsonObject? Metadata { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset Created { get; init; }

    public string Status { get; set; } = "validating";

    public string? Model { get; set; }

    public DateTimeOffset PhaseStart { get; set; }

    public long? InProgressAt { get; set; }

    public long? FinalizingAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? FailedAt { get; set; }

    public long? ExpiredAt { get; set; }

    public long? CancellingAt { get; set; }

    public long? CancelledAt { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public JsonArray? Errors { get; set; }

    public List<JsonObject> Requests { get; set; } = [];

    public int Done { get; set; }

    public List<string> OutputLines { get; } = [];

    public List<string> ErrorLines { get; } = [];

    public int Completed { get; set; }

    public int Failed { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "batch",
        ["endpoint"] = Endpoint,
        ["model"] = Model,
        ["errors"] = Errors is null ? null : new JsonObject { ["object"] = "list", ["data"] = Errors.DeepClone() },
        ["input_file_id"] = InputFileId,
        ["completion_window"] = CompletionWindow,
        ["status"] = Status,
        ["output_file_id"] = OutputFileId,
        ["error_file_id"] = ErrorFileId,
        ["created_at"] = Created.ToUnixTimeSeconds(),
        ["in_progress_at"] = InProgressAt,
        ["expires_at"] = Created.ToUnixTimeSeconds() + 86_400,
        ["finalizing_at"] = FinalizingAt,
        ["completed_at"] = CompletedAt,
        ["failed_at"] = FailedAt,
        ["expired_at"] = ExpiredAt,
        ["cancelling_at"] = CancellingAt,
        ["cancelled_at"] = CancelledAt,
        ["request_counts"] = new JsonObject { ["total"] = Requests.Count, ["completed"] = Completed, ["failed"] = Failed },
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = InputTokens,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = OutputTokens,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = InputTokens + OutputTokens,
        },
        ["metadata"] = Metadata?.DeepClone(),
    };
}
