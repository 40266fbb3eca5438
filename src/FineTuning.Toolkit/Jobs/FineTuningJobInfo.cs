using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>A fine-tuning job as the service reports it (provider independent).</summary>
public sealed class FineTuningJobInfo
{
    /// <summary>Gets the job id (<c>ftjob-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the base model (the resolved snapshot).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the status.</summary>
    public FineTuningJobStatus Status { get; init; }

    /// <summary>Gets when the job was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the job finished, if it has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the service's estimate of when the job finishes, if any.</summary>
    public DateTimeOffset? EstimatedFinish { get; init; }

    /// <summary>Gets the fine-tuned model name, set once the job succeeds.</summary>
    public string? FineTunedModel { get; init; }

    /// <summary>Gets the training file id.</summary>
    public string? TrainingFileId { get; init; }

    /// <summary>Gets the validation file id, if any.</summary>
    public string? ValidationFileId { get; init; }

    /// <summary>Gets the result file ids (the metrics CSV).</summary>
    public IReadOnlyList<string> ResultFileIds { get; init; } = [];

    /// <summary>Gets the billable token count, once known.</summary>
    public long? TrainedTokens { get; init; }

    /// <summary>Gets the seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the suffix given at creation.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the training method type (<c>supervised</c>, <c>dpo</c>, <c>reinforcement</c>).</summary>
    public string? MethodType { get; init; }

    /// <summary>Gets the effective hyperparameters (values the service resolved, or <c>auto</c>).</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the job metadata (including the toolkit's lineage keys).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the error, when the job failed.</summary>
    public FineTuningJobError? Error { get; init; }

    /// <summary>Gets the job object exactly as the service sent it (an escape hatch for provider-specific fields).</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Status} ({Model})";
}
