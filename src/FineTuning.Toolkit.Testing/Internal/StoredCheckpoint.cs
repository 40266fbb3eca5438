using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredCheckpoint
{
    public required string Id { get; init; }

    public required long CreatedAt { get; init; }

    public required string ModelId { get; set; }

    public required string JobId { get; init; }

    public required int StepNumber { get; init; }

    public required int Epoch { get; init; }

    public required JsonObject Metrics { get; init; }

    public JsonObject ToJson() => new()
    {
        ["object"] = "fine_tuning.job.checkpoint",
        ["id"] = Id,
        ["created_at"] = CreatedAt,
        ["fine_tuned_model_checkpoint"] = ModelId,
        ["fine_tuning_job_id"] = JobId,
        ["metrics"] = Metrics.DeepClone(),
        ["step_number"] = StepNumber,
    };
}
