using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>A checkpoint of a fine-tuning job: a full model usable for inference.</summary>
public sealed class FineTuningCheckpointInfo
{
    /// <summary>Gets the checkpoint id (<c>ftckpt_…</c>, Azure <c>ftchkpt-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the checkpoint was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the model name of the checkpoint (ends in <c>:ckpt-step-N</c> for intermediate ones on OpenAI).</summary>
    public string? FineTunedModelCheckpoint { get; init; }

    /// <summary>Gets the job id.</summary>
    public string? JobId { get; init; }

    /// <summary>Gets the step number.</summary>
    public int StepNumber { get; init; }

    /// <summary>Gets the metrics at this checkpoint.</summary>
    public TrainingMetricPoint Metrics { get; init; } = new();

    /// <summary>Gets the checkpoint object exactly as the service sent it.</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} step {StepNumber} {FineTunedModelCheckpoint}";
}
