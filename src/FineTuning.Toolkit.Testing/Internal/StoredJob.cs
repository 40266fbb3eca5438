using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredJob
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    /// <summary>Gets the catalog provider of the flavour that created the job (<c>openai</c>, or <c>together</c> for <c>/together/v1/</c>).</summary>
    public string Provider { get; init; } = EmulatorModels.Provider;

    /// <summary>The base snapshot used in the fine-tuned model name.</summary>
    public required string BaseSnapshot { get; init; }

    public required string TrainingFile { get; init; }

    public string? ValidationFile { get; init; }

    public string? Suffix { get; init; }

    public required long Seed { get; init; }

    public JsonObject? Metadata { get; init; }

    public JsonArray? Integrations { get; init; }

    public required string MethodType { get; init; }

    /// <summary>Hyperparameters as requested ("auto" where not given).</summary>
    public required JsonObject RequestedHyperparameters { get; init; }

    /// <summary>Hyperparameters after validation resolved "auto"; null before.</summary>
    public JsonObject? ResolvedHyperparameters { get; set; }

    public JsonObject? Grader { get; init; }

    /// <summary>The <c>trainingType</c> of a job created through Azure's routes (required there); null for an OpenAI job.</summary>
    public string? AzureTrainingType { get; init; }

    /// <summary>Gets a value indicating whether the job was created through Azure's routes (Azure shapes in its JSON).</summary>
    public bool IsAzure => AzureTrainingType is not null;

    public required long CreatedAt { get; init; }

    public required long Sequence { get; init; }

    public FineTuningJobStatus Status { get; set; } = FineTuningJobStatus.ValidatingFiles;

    public long? FinishedAt { get; set; }

    public string? FineTunedModel { get; set; }

    public long? TrainedTokens { get; set; }

    public (string Code, string Message, string? Param)? Error { get; set; }

    public List<string> ResultFiles { get; } = [];

    public List<StoredEvent> Events { get; } = [];

    public List<StoredCheckpoint> Checkpoints { get; } = [];

    // --- simulation state ---------------------------------------------------------------------------------

    /// <summary>When the current phase (validating, queued, running segment, paused) started, in emulated time.</summary>
    public DateTimeOffset PhaseStart { get; set; }

    public int StepsDone { get; set; }

    public int StepsAtPhaseStart { get; set; }

    public int TotalSteps { get; set; }

    public int StepsPerEpoch { get; set; }

    public int Epochs { get; set; }

    public int ExampleCount { get; set; }

    public long BillableTokensPerEpoch { get; set; }

    public Dictionary<string, string> TrainedAnswers { get; set; } = [];

    public List<string> MetricRows { get; } = [];

    public DateTimeOffset? EstimatedFinish { get; set; }

    /// <summary>Gets the status as the service sends it: Azure says <c>pending</c> until training starts.</summary>
    public string WireStatus => IsAzure && (Status == FineTuningJobStatus.ValidatingFiles || Status == FineTuningJobStatus.Queued)
        ? FineTuningJobStatus.Pending.Value
        : Status.Value;

    public JsonObject ToJson(bool reportEstimatedFinish)
    {
        var hyper = (ResolvedHyperparameters ?? RequestedHyperparameters).DeepClone().AsObject();
        JsonObject methodBody = new() { ["hyperparameters"] = hyper.DeepClone() };
        if (MethodType == "reinforcement")
        {
            methodBody["grader"] = Grader?.DeepClone();
            methodBody["response_format"] = null;
        }

        JsonObject? legacy = null;
        if (MethodType == "supervised")
        {
            legacy = new JsonObject
            {
                ["n_epochs"] = hyper["n_epochs"]?.DeepClone(),
                ["batch_size"] = hyper["batch_size"]?.DeepClone(),
                ["learning_rate_multiplier"] = hyper["learning_rate_multiplier"]?.DeepClone(),
            };
        }

        JsonObject error = Error is { } e
            ? new JsonObject { ["code"] = e.Code, ["message"] = e.Message, ["param"] = e.Param }
            : new JsonObject();

        return new JsonObject
        {
            ["object"] = "fine_tuning.job",
            ["id"] = Id,
            ["model"] = Model,
            ["created_at"] = CreatedAt,
            ["finished_at"] = FinishedAt,
            ["fine_tuned_model"] = FineTunedModel,
            ["organization_id"] = IsAzure ? null : EmulatorConstants.OrganizationId,
            ["result_files"] = IsAzure && ResultFiles.Count == 0 ? null : new JsonArray([.. ResultFiles.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["status"] = WireStatus,
            ["validation_file"] = ValidationFile,
            ["training_file"] = TrainingFile,
            ["hyperparameters"] = legacy,
            ["trained_tokens"] = TrainedTokens,
            ["error"] = error,
            ["user_provided_suffix"] = Suffix,
            ["seed"] = Seed,
            ["estimated_finish"] = reportEstimatedFinish && Status == FineTuningJobStatus.Running && EstimatedFinish is { } f ? f.ToUnixTimeSeconds() : null,
            ["integrations"] = Integrations?.DeepClone() ?? new JsonArray(),
            ["metadata"] = Metadata?.DeepClone(),
            ["usage_metrics"] = null,
            ["shared_with_openai"] = false,
            ["eval_id"] = null,
            ["method"] = new JsonObject
            {
                ["type"] = MethodType,
                [MethodType] = methodBody,
            },
        };
    }
}
