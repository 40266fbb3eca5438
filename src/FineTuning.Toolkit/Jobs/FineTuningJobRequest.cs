using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Jobs;

/// <summary>What to train: the body of a create-job call, provider independent.</summary>
public sealed class FineTuningJobRequest
{
    /// <summary>The metadata key under which the toolkit stores the idempotency key of a create call.</summary>
    public const string IdempotencyMetadataKey = "ftk_idempotency_key";

    /// <summary>Gets the base model (or a fine-tuned model to continue training).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the training file id.</summary>
    public required string TrainingFileId { get; init; }

    /// <summary>Gets the validation file id, if any.</summary>
    public string? ValidationFileId { get; init; }

    /// <summary>Gets the method and its hyperparameters; <see langword="null"/> means supervised with <c>auto</c> values.</summary>
    public TrainingMethod? Method { get; init; }

    /// <summary>Gets the suffix of the fine-tuned model name (1–64 characters; Azure allows fewer).</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the seed (0–2147483647), or <see langword="null"/> to let the service choose.</summary>
    public int? Seed { get; init; }

    /// <summary>Gets metadata to attach (up to 16 pairs in total, including the toolkit's own keys; keys ≤ 64 and values ≤ 512 characters).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the Weights &amp; Biases integration, if any.</summary>
    public WandbIntegration? Wandb { get; init; }

    /// <summary>
    /// Gets the idempotency key: a retried create first looks for a job carrying this key in its metadata, so it never
    /// starts a second paid job. <see langword="null"/> makes the client generate one per call.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the Azure training tier (<c>Standard</c>, <c>GlobalStandard</c>, <c>Developer</c>), sent as <c>trainingType</c> on Azure only.</summary>
    public AzureTrainingType? AzureTrainingType { get; init; }

    /// <summary>Gets Together AI's own settings (LoRA or Full, checkpoints, evaluations, warmup, ...); ignored by other providers.</summary>
    public TogetherTrainingOptions? Together { get; init; }

    /// <summary>Gets extra top-level body fields sent as they are (provider-specific fields the toolkit does not model); values are raw JSON.</summary>
    public IReadOnlyDictionary<string, string> ExtraBodyJson { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks the request against the documented limits, without calling the service.</summary>
    /// <returns>The problems found, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("model is required.");
        }

        if (string.IsNullOrWhiteSpace(TrainingFileId))
        {
            errors.Add("training_file is required.");
        }

        if (Suffix is { } suffix && !FineTuningLimits.IsValidSuffix(suffix))
        {
            errors.Add($"suffix must be {FineTuningLimits.MinSuffixLength} to {FineTuningLimits.MaxSuffixLength} characters (got {suffix.Length}).");
        }

        if (Seed is { } seed && !FineTuningLimits.IsValidSeed(seed))
        {
            errors.Add($"seed must be between 0 and {FineTuningLimits.MaxSeed}.");
        }

        if (Metadata.Count > FineTuningLimits.MaxMetadataPairs - 1)
        {
            errors.Add($"metadata holds at most {FineTuningLimits.MaxMetadataPairs} pairs and the toolkit uses one for idempotency (got {Metadata.Count}).");
        }

        foreach (var (key, value) in Metadata)
        {
            if (key.Length is 0 or > FineTuningLimits.MaxMetadataKeyLength)
            {
                errors.Add($"metadata key '{key}' must be 1 to {FineTuningLimits.MaxMetadataKeyLength} characters.");
            }

            if (value.Length > FineTuningLimits.MaxMetadataValueLength)
            {
                errors.Add($"metadata value of '{key}' exceeds {FineTuningLimits.MaxMetadataValueLength} characters.");
            }
        }

        if (Wandb is { } wandb)
        {
            if (string.IsNullOrWhiteSpace(wandb.Project))
            {
                errors.Add("the W&B integration needs a project.");
            }

            if (wandb.Tags.Count > FineTuningLimits.MaxWandbTags || wandb.Tags.Any(t => t.Length > FineTuningLimits.MaxWandbTagLength))
            {
                errors.Add($"W&B tags: at most {FineTuningLimits.MaxWandbTags}, each at most {FineTuningLimits.MaxWandbTagLength} characters.");
            }
        }

        if (Method is not null)
        {
            errors.AddRange(Method.Validate());
        }

        if (Together is not null)
        {
            errors.AddRange(Together.Validate());
        }

        if (Method is ReinforcementTraining && ValidationFileId is null)
        {
            errors.Add("reinforcement fine-tuning needs a validation file.");
        }

        return errors;
    }

    /// <summary>Builds the JSON body (without the idempotency key).</summary>
    /// <param name="includeAzureFields">Whether to add <c>trainingType</c>.</param>
    internal JsonObject ToJson(bool includeAzureFields)
    {
        var body = new JsonObject
        {
            ["model"] = Model,
            ["training_file"] = TrainingFileId,
        };
        if (ValidationFileId is not null)
        {
            body["validation_file"] = ValidationFileId;
        }

        body["method"] = (Method ?? new SupervisedTraining()).ToJson();
        if (Suffix is not null)
        {
            body["suffix"] = Suffix;
        }

        if (Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (Metadata.Count > 0)
        {
            var metadata = new JsonObject();
            foreach (var (key, value) in Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                metadata[key] = value;
            }

            body["metadata"] = metadata;
        }

        if (Wandb is { } wandb)
        {
            var w = new JsonObject { ["project"] = wandb.Project };
            if (wandb.Name is not null)
            {
                w["name"] = wandb.Name;
            }

            if (wandb.Entity is not null)
            {
                w["entity"] = wandb.Entity;
            }

            if (wandb.Tags.Count > 0)
            {
                w["tags"] = new JsonArray([.. wandb.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
            }

            body["integrations"] = new JsonArray(new JsonObject { ["type"] = "wandb", ["wandb"] = w });
        }

        if (includeAzureFields && AzureTrainingType is not null)
        {
            body["trainingType"] = AzureTrainingTypes.ToWire(AzureTrainingType.Value);
        }

        foreach (var (key, json) in ExtraBodyJson)
        {
            body[key] = JsonNode.Parse(json);
        }

        return body;
    }
}
