using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorStore
{
    private static readonly HashSet<string> RftGraderTypes = ["string_check", "text_similarity", "python", "score_model", "multi"];
    private readonly Dictionary<string, StoredJob> _jobs = new(StringComparer.Ordinal);
    private bool _advancing;

    /// <summary>Creates a job of the <paramref name="provider"/> flavour (its base models, ids and output names); the body is in the OpenAI shape.</summary>
    public JsonObject CreateJob(JsonObject body, string provider = EmulatorModels.Provider)
    {
        var azure = provider == AzureProvider;
        var model = RequireString(body, "model");
        var trainingFile = RequireString(body, "training_file");
        var validationFile = OptionalString(body, "validation_file");
        var suffix = OptionalString(body, "suffix");
        if (suffix is not null && !FineTuningLimits.IsValidSuffix(suffix))
        {
            throw ApiError.BadRequest($"suffix must be between {FineTuningLimits.MinSuffixLength} and {FineTuningLimits.MaxSuffixLength} characters, got {suffix.Length}.", "suffix");
        }

        long? seed = null;
        if (body["seed"] is JsonNode seedNode && seedNode.GetValueKind() != JsonValueKind.Null)
        {
            if (seedNode.GetValueKind() != JsonValueKind.Number || !long.TryParse(seedNode.ToJsonString(), out var s) || !FineTuningLimits.IsValidSeed(s))
            {
                throw ApiError.BadRequest($"seed must be an integer between 0 and {FineTuningLimits.MaxSeed}.", "seed");
            }

            seed = s;
        }

        var metadata = ParseMetadata(body["metadata"]);
        var integrations = ParseIntegrations(body["integrations"]);
        var (methodType, hyper, grader) = ParseMethod(body);

        lock (_gate)
        {
            AdvanceAllLocked();
            var resolved = FindFor(provider, model)?.Id ?? model;
            string baseSnapshot;
            if (ModelIds.IsFineTuned(resolved))
            {
                var existing = FindModelLocked(resolved);
                if (existing is null || !existing.IsFineTuned)
                {
                    throw ApiError.BadRequest($"Model {model} is not available for fine-tuning or does not exist.", code: "model_not_available");
                }

                baseSnapshot = existing.BaseModel;
            }
            else if (FindFor(provider, resolved) is not null)
            {
                baseSnapshot = resolved;
            }
            else
            {
                throw ApiError.BadRequest($"Model {model} is not available for fine-tuning or does not exist.", code: "model_not_available");
            }

            var entry = FindFor(provider, baseSnapshot);
            if (entry is not null && !entry.Supports(EmulatorModels.MethodFlag(methodType)))
            {
                var supporting = string.Join(", ", (provider == EmulatorModels.TogetherProvider ? EmulatorModels.Catalog.Models.Where(e => e.Provider == provider) : EmulatorModels.FineTunable.Concat(azure ? EmulatorModels.Catalog.Models.Where(e => e.Provider == AzureProvider) : [])).Where(e => e.Supports(EmulatorModels.MethodFlag(methodType))).Select(e => e.Id).Distinct());
                throw ApiError.BadRequest($"The {methodType} method is not available for {model} (models that support it: {supporting}).", "model", "model_not_available");
            }

            var trainingType = ReadAzureTrainingType(body, baseSnapshot, azure);
            CheckAzureMethod(azure, methodType, validationFile, grader);
            CheckJobFile(trainingFile, "training_file");
            if (validationFile is not null)
            {
                CheckJobFile(validationFile, "validation_file");
            }

            var now = Clock.Now;
            var job = new StoredJob
            {
                Id = Ids.Next(provider == EmulatorModels.TogetherProvider ? "ft-" : "ftjob-"),
                Model = resolved,
                Provider = provider,
                BaseSnapshot = baseSnapshot,
                TrainingFile = trainingFile,
                ValidationFile = validationFile,
                Suffix = suffix,
                Seed = seed ?? (long)(StableHash.Of(Options.Seed.ToString(CultureInfo.InvariantCulture), trainingFile, _jobs.Count.ToString(CultureInfo.InvariantCulture)) % int.MaxValue),
                Metadata = metadata,
                Integrations = integrations,
                MethodType = methodType,
                RequestedHyperparameters = hyper,
                Grader = grader,
                AzureTrainingType = trainingType,
                CreatedAt = now.ToUnixTimeSeconds(),
                Sequence = NextSequence(),
                PhaseStart = now,
            };
            AddEvent(job, now, "info", $"Validating training file: {trainingFile}" + (validationFile is null ? string.Empty : $" and validation file: {validationFile}"));
            AddEvent(job, now, "info", "Created fine-tuning job: " + job.Id);
            _jobs[job.Id] = job;
            return job.ToJson(ReportEstimatedFinish);
        }
    }

    private void CheckJobFile(string id, string param)
    {
        if (!_files.TryGetValue(id, out var file))
        {
            throw ApiError.BadRequest($"invalid {param}: {id}", param);
        }

        if (file.Purpose != FineTuningLimits.FineTunePurpose)
        {
            throw ApiError.BadRequest($"invalid {param}: {id} has purpose '{file.Purpose}', expected '{FineTuningLimits.FineTunePurpose}'.", param);
        }
    }

    public JsonObject ListJobs(string? after, int limit, IReadOnlyList<KeyValuePair<string, string?>> metadataFilter)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var jobs = _jobs.Values.Where(j => MatchesMetadata(j, metadataFilter)).OrderByDescending(j => j.Sequence).ToList();
            return Page(jobs, j => j.Id, j => j.ToJson(ReportEstimatedFinish), after, limit, withFirstLast: false);
        }
    }

    private static bool MatchesMetadata(StoredJob job, IReadOnlyList<KeyValuePair<string, string?>> filter)
    {
        foreach (var (key, value) in filter)
        {
            if (key.Length == 0)
            {
                // metadata=null: jobs without metadata.
                if (job.Metadata is { Count: > 0 })
                {
                    return false;
                }

                continue;
            }

            if (job.Metadata?[key] is not JsonValue actual || actual.ToString() != value)
            {
                return false;
            }
        }

        return true;
    }

    public JsonObject GetJob(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return FindJob(id).ToJson(ReportEstimatedFinish);
        }
    }

    public JsonObject CancelJob(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(id);
            if (job.Status.IsTerminal)
            {
                throw ApiError.BadRequest($"Job {id} has already {job.Status} and cannot be cancelled.", code: "invalid_job_state");
            }

            var now = Clock.Now;
            job.Status = FineTuningJobStatus.Cancelled;
            job.FinishedAt = now.ToUnixTimeSeconds();
            RegisterCheckpointModels(job, TrainedAnswersOf(job), final: null);
            AddEvent(job, now, "info", "Fine-tuning job cancelled");
            return job.ToJson(ReportEstimatedFinish);
        }
    }

    public JsonObject PauseJob(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(id);
            if (job.Status != FineTuningJobStatus.Running)
            {
                throw ApiError.BadRequest($"Job {id} is {job.Status}; only a running job can be paused.", code: "invalid_job_state");
            }

            var now = Clock.Now;
            job.Status = FineTuningJobStatus.Paused;
            job.PhaseStart = now;
            AddEvent(job, now, "info", "Fine-tuning job paused");
            return job.ToJson(ReportEstimatedFinish);
        }
    }

    public JsonObject ResumeJob(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(id);
            if (job.Status != FineTuningJobStatus.Paused)
            {
                throw ApiError.BadRequest($"Job {id} is {job.Status}; only a paused job can be resumed.", code: "invalid_job_state");
            }

            var now = Clock.Now;
            job.Status = FineTuningJobStatus.Queued;
            job.PhaseStart = now;
            AddEvent(job, now, "info", "Fine-tuning job resumed");
            return job.ToJson(ReportEstimatedFinish);
        }
    }

    public JsonObject ListEvents(string id, string? after, int limit)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(id);
            var newestFirst = Enumerable.Reverse(job.Events).ToList();
            return Page(newestFirst, e => e.Id, e => e.ToJson(), after, limit, withFirstLast: false);
        }
    }

    public JsonObject ListCheckpoints(string id, string? after, int limit)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(id);
            var newestFirst = job.Checkpoints.OrderByDescending(c => c.StepNumber).ToList();
            return Page(newestFirst, c => c.Id, c => c.ToJson(), after, limit, withFirstLast: true);
        }
    }

    private StoredJob FindJob(string id) =>
        _jobs.TryGetValue(id, out var job) ? job : throw ApiError.NotFound($"Could not find fine-tuning job {id}.", "fine_tuning_job_id", "fine_tuning_job_not_found");

    // --- request parsing ---------------------------------------------------------------------------------

    internal static string RequireString(JsonObject body, string name)
    {
        var value = OptionalString(body, name);
        return string.IsNullOrEmpty(value) ? throw ApiError.BadRequest($"Missing required parameter: '{name}'.", name, "missing_required_parameter") : value;
    }

    internal static string? OptionalString(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw ApiError.BadRequest($"Invalid type for '{name}': expected a string, but got {Describe(node)}.", name, "invalid_type");
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a value",
    };

    internal static JsonObject? ParseMetadata(JsonNode? node)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node is not JsonObject metadata)
        {
            throw ApiError.BadRequest("Invalid type for 'metadata': expected an object.", "metadata", "invalid_type");
        }

        if (metadata.Count > FineTuningLimits.MaxMetadataPairs)
        {
            throw ApiError.BadRequest($"Invalid 'metadata': too many properties. Expected an object with at most {FineTuningLimits.MaxMetadataPairs} properties, but got an object with {metadata.Count} properties instead.", "metadata", "object_above_max_length");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > FineTuningLimits.MaxMetadataKeyLength)
            {
                throw ApiError.BadRequest($"Invalid 'metadata': string too long. Expected a key with maximum length {FineTuningLimits.MaxMetadataKeyLength}, but got a key with length {key.Length} instead.", "metadata", "string_above_max_length");
            }

            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                throw ApiError.BadRequest($"Invalid type for 'metadata.{key}': expected a string.", $"metadata.{key}", "invalid_type");
            }

            if (value.GetValue<string>().Length > FineTuningLimits.MaxMetadataValueLength)
            {
                throw ApiError.BadRequest($"Invalid 'metadata.{key}': string too long. Expected a string with maximum length {FineTuningLimits.MaxMetadataValueLength}.", $"metadata.{key}", "string_above_max_length");
            }
        }

        return (JsonObject)metadata.DeepClone();
    }

    private static JsonArray? ParseIntegrations(JsonNode? node)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw ApiError.BadRequest("Invalid type for 'integrations': expected an array.", "integrations", "invalid_type");
        }

        if (array.Count > FineTuningLimits.MaxIntegrations)
        {
            throw ApiError.BadRequest($"At most {FineTuningLimits.MaxIntegrations} integrations are allowed.", "integrations");
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item || JsonText.Str(item["type"]) != "wandb" || item["wandb"] is not JsonObject wandb || wandb["project"] is null)
            {
                throw ApiError.BadRequest($"integrations[{i}] must be {{\"type\":\"wandb\",\"wandb\":{{\"project\":...}}}}.", $"integrations[{i}]");
            }
        }

        return (JsonArray)array.DeepClone();
    }

    private static (string Type, JsonObject Hyperparameters, JsonObject? Grader) ParseMethod(JsonObject body)
    {
        var method = body["method"];
        if (method is null || method.GetValueKind() == JsonValueKind.Null)
        {
            var legacy = ParseHyperparameters(body["hyperparameters"], "supervised", "hyperparameters");
            return ("supervised", legacy, null);
        }

        if (method is not JsonObject methodObject)
        {
            throw ApiError.BadRequest("Invalid type for 'method': expected an object.", "method", "invalid_type");
        }

        var type = OptionalString(methodObject, "type") ?? throw ApiError.BadRequest("Missing required parameter: 'method.type'.", "method.type", "missing_required_parameter");
        if (type is not ("supervised" or "dpo" or "reinforcement"))
        {
            throw ApiError.BadRequest($"Invalid value for 'method.type': '{type}'. Supported values are: 'supervised', 'dpo', and 'reinforcement'.", "method.type", "invalid_value");
        }

        var section = methodObject[type] as JsonObject;
        var hyperNode = section?["hyperparameters"];
        if (hyperNode is null && type == "supervised")
        {
            hyperNode = body["hyperparameters"];
        }

        var hyper = ParseHyperparameters(hyperNode, type, $"method.{type}.hyperparameters");
        JsonObject? grader = null;
        if (type == "reinforcement")
        {
            if (section?["grader"] is not JsonObject g)
            {
                throw ApiError.BadRequest("Missing required parameter: 'method.reinforcement.grader'.", "method.reinforcement.grader", "missing_required_parameter");
            }

            ValidateGrader(g, "method.reinforcement.grader", topLevel: true);
            grader = (JsonObject)g.DeepClone();
        }

        return (type, hyper, grader);
    }

    internal static void ValidateGrader(JsonObject grader, string path, bool topLevel)
    {
        var type = grader["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        var allowed = topLevel ? RftGraderTypes.Contains(type ?? string.Empty) : type is "string_check" or "text_similarity" or "python" or "score_model" or "label_model" or "multi";
        if (!allowed)
        {
            throw ApiError.BadRequest(
                $"Invalid grader type '{type}' at '{path}.type'. Allowed: string_check, text_similarity, python, score_model, multi" + (topLevel ? " (label_model only inside multi)." : ", label_model."),
                path + ".type",
                "invalid_value");
        }

        string[] required = type switch
        {
            "string_check" => ["name", "input", "reference", "operation"],
            "text_similarity" => ["name", "input", "reference", "evaluation_metric"],
            "python" => ["name", "source"],
            "score_model" => ["name", "model", "input"],
            "label_model" => ["name", "model", "input", "labels", "passing_labels"],
            _ => ["name", "graders", "calculate_output"],
        };
        foreach (var field in required)
        {
            if (grader[field] is null)
            {
                throw ApiError.BadRequest($"Missing required parameter: '{path}.{field}'.", $"{path}.{field}", "missing_required_parameter");
            }
        }

        if (type == "string_check" && JsonText.Str(grader["operation"]) is not ("eq" or "ne" or "like" or "ilike"))
        {
            throw ApiError.BadRequest($"Invalid value for '{path}.operation': expected one of eq, ne, like, ilike.", $"{path}.operation", "invalid_value");
        }

        if (type == "multi")
        {
            if (grader["graders"] is not JsonObject children)
            {
                throw ApiError.BadRequest($"'{path}.graders' must be an object of named graders.", $"{path}.graders", "invalid_type");
            }

            foreach (var (name, child) in children)
            {
                if (child is not JsonObject childObject)
                {
                    throw ApiError.BadRequest($"'{path}.graders.{name}' must be a grader object.", $"{path}.graders.{name}", "invalid_type");
                }

                ValidateGrader(childObject, $"{path}.graders.{name}", topLevel: false);
            }
        }
    }

    private static JsonObject ParseHyperparameters(JsonNode? node, string method, string path)
    {
        var result = new JsonObject
        {
            ["batch_size"] = "auto",
            ["learning_rate_multiplier"] = "auto",
            ["n_epochs"] = "auto",
        };
        if (method == "dpo")
        {
            result["beta"] = "auto";
        }

        if (method == "reinforcement")
        {
            result["reasoning_effort"] = "default";
            result["compute_multiplier"] = "auto";
            result["eval_interval"] = "auto";
            result["eval_samples"] = "auto";
        }

        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return result;
        }

        if (node is not JsonObject given)
        {
            throw ApiError.BadRequest($"Invalid type for '{path}': expected an object.", path, "invalid_type");
        }

        foreach (var (key, value) in given)
        {
            if (!result.ContainsKey(key))
            {
                throw ApiError.BadRequest($"Unknown hyperparameter '{key}' for the {method} method.", $"{path}.{key}", "invalid_value");
            }

            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                continue;
            }

            if (value.GetValueKind() == JsonValueKind.String && JsonText.Str(value) == "auto" && key != "reasoning_effort")
            {
                continue;
            }

            var ok = key switch
            {
                "n_epochs" => IsNumber(value, out var epochs) && FineTuningLimits.IsValidEpochs(epochs),
                "batch_size" => IsNumber(value, out var batch) && FineTuningLimits.IsValidBatchSize(batch),
                "learning_rate_multiplier" => IsNumber(value, out var lr) && FineTuningLimits.IsValidLearningRateMultiplier(lr),
                "beta" => IsNumber(value, out var beta) && FineTuningLimits.IsValidBeta(beta),
                "compute_multiplier" => IsNumber(value, out var cm) && FineTuningLimits.IsValidComputeMultiplier(cm),
                "eval_interval" or "eval_samples" => IsNumber(value, out var count) && FineTuningLimits.IsValidEvalCount(count),
                "reasoning_effort" => FineTuningLimits.ReasoningEfforts.Contains(JsonText.Str(value) ?? string.Empty),
                _ => false,
            };
            if (!ok)
            {
                var rule = key switch
                {
                    "n_epochs" => $"an integer between {FineTuningLimits.MinEpochs} and {FineTuningLimits.MaxEpochs}",
                    "batch_size" => $"an integer between {FineTuningLimits.MinBatchSize} and {FineTuningLimits.MaxBatchSize}",
                    "learning_rate_multiplier" => "a number greater than 0",
                    "beta" => $"a number greater than 0 and at most {FineTuningLimits.Format(FineTuningLimits.MaxBeta)}",
                    "compute_multiplier" => $"a number greater than {FineTuningLimits.Format(FineTuningLimits.MinComputeMultiplierExclusive)} and at most {FineTuningLimits.Format(FineTuningLimits.MaxComputeMultiplier)}",
                    "reasoning_effort" => "one of " + string.Join(", ", FineTuningLimits.ReasoningEfforts),
                    _ => "an integer of at least 1",
                };
                throw ApiError.BadRequest($"Invalid value for '{path}.{key}': expected {rule}" + (key == "reasoning_effort" ? "." : " or 'auto'."), $"{path}.{key}", "invalid_value");
            }

            result[key] = value.DeepClone();
        }

        return result;
    }

    private static bool IsNumber(JsonNode node, out double value)
    {
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    // --- simulation --------------------------------------------------------------------------------------

    private void AddEvent(StoredJob job, DateTimeOffset at, string level, string message, string type = "message", JsonObject? data = null) =>
        job.Events.Add(new StoredEvent { Id = Ids.Next("ftevent-"), CreatedAt = at.ToUnixTimeSeconds(), Level = level, Message = message, Type = type, Data = data });

    /// <summary>Brings every job (and batch) up to the current emulated time. Caller holds the lock.</summary>
    internal void AdvanceAllLocked()
    {
        if (_advancing)
        {
            // Re-entered from a batch request that looks up a model; the outer pass finishes the work.
            return;
        }

        _advancing = true;
        try
        {
            var now = Clock.Now;
            foreach (var job in _jobs.Values)
            {
                if (!job.Status.IsTerminal && job.Status != FineTuningJobStatus.Paused)
                {
                    AdvanceJob(job, now);
                }
            }

            AdvanceBatchesLocked(now);
            AdvanceImportsLocked(now);
        }
        finally
        {
            _advancing = false;
        }
    }

    private void AdvanceJob(StoredJob job, DateTimeOffset now)
    {
        while (true)
        {
            if (job.Status == FineTuningJobStatus.ValidatingFiles)
            {
                var at = job.PhaseStart + Options.ValidatingDuration;
                if (now < at)
                {
                    return;
                }

                ValidateJobFiles(job, at);
            }
            else if (job.Status == FineTuningJobStatus.Queued)
            {
                var at = job.PhaseStart + Options.QueuedDuration;
                if (now < at)
                {
                    return;
                }

                job.Status = FineTuningJobStatus.Running;
                job.PhaseStart = at;
                job.StepsAtPhaseStart = job.StepsDone;
                job.EstimatedFinish = at + (Options.StepDuration * (job.TotalSteps - job.StepsDone));
                AddEvent(job, at, "info", job.StepsDone == 0 ? "Fine-tuning job started" : "Fine-tuning job resumed training");
            }
            else if (job.Status == FineTuningJobStatus.Running)
            {
                var stepTicks = Math.Max(1, Options.StepDuration.Ticks);
                var reachable = job.StepsAtPhaseStart + (int)Math.Min(int.MaxValue, (now - job.PhaseStart).Ticks / stepTicks);
                var target = Math.Min(job.TotalSteps, reachable);
                for (var step = job.StepsDone + 1; step <= target; step++)
                {
                    RecordStep(job, step, job.PhaseStart + TimeSpan.FromTicks(stepTicks * (step - job.StepsAtPhaseStart)));
                }

                job.StepsDone = Math.Max(job.StepsDone, target);
                if (job.StepsDone < job.TotalSteps)
                {
                    return;
                }

                Succeed(job, job.PhaseStart + TimeSpan.FromTicks(stepTicks * (job.TotalSteps - job.StepsAtPhaseStart)));
                return;
            }
            else
            {
                return;
            }
        }
    }

    private void ValidateJobFiles(StoredJob job, DateTimeOffset at)
    {
        var training = _files.GetValueOrDefault(job.TrainingFile);
        var report = training is null
            ? new TrainingFileReport { ErrorMessage = $"File {job.TrainingFile} was not found (was it deleted?)." }
            : TrainingFileInspector.Inspect(training.ContentPath, job.MethodType, job.BaseSnapshot);
        if (report.ErrorMessage is not null)
        {
            Fail(job, at, "invalid_training_file", $"The job failed due to an invalid training file. {report.ErrorMessage}", "training_file");
            return;
        }

        if (job.ValidationFile is not null)
        {
            var validation = _files.GetValueOrDefault(job.ValidationFile);
            var validationReport = validation is null
                ? new TrainingFileReport { ErrorMessage = $"File {job.ValidationFile} was not found (was it deleted?)." }
                : TrainingFileInspector.Inspect(validation.ContentPath, job.MethodType, job.BaseSnapshot, validationFile: true);
            if (validationReport.ErrorMessage is not null && validationReport.ExampleCount == 0)
            {
                Fail(job, at, "invalid_validation_file", $"The job failed due to an invalid validation file. {validationReport.ErrorMessage}", "validation_file");
                return;
            }
        }

        var n = report.ExampleCount;
        var requested = job.RequestedHyperparameters;
        int? requestedEpochs = requested["n_epochs"] is JsonValue e && e.GetValueKind() == JsonValueKind.Number ? (int)e.GetValue<double>() : null;

        // Epochs ("auto": the library's EpochHeuristic) and billed tokens (exact counts × epochs) come from the library's estimator.
        var estimate = EmulatorModels.Estimator.Estimate(
            new TrainingEstimateRequest { Provider = job.IsAzure ? AzureProvider : job.Provider, Model = job.BaseSnapshot, Method = EmulatorModels.MethodFlag(job.MethodType), Epochs = requestedEpochs },
            report.Tokens!);
        var epochs = estimate.Epochs;
        var batch = requested["batch_size"] is JsonValue b && b.GetValueKind() == JsonValueKind.Number ? (int)b.GetValue<double>() : Math.Clamp((int)Math.Ceiling(n * 0.002), FineTuningLimits.MinBatchSize, FineTuningLimits.MaxBatchSize);
        var resolved = (JsonObject)requested.DeepClone();
        resolved["n_epochs"] = epochs;
        resolved["batch_size"] = batch;
        if (IsAuto(requested["learning_rate_multiplier"]))
        {
            resolved["learning_rate_multiplier"] = job.MethodType == "dpo" ? 0.1 : 1.8;
        }

        if (job.MethodType == "dpo" && IsAuto(requested["beta"]))
        {
            resolved["beta"] = 0.1;
        }

        foreach (var key in new[] { "compute_multiplier" })
        {
            if (IsAuto(resolved[key]))
            {
                resolved[key] = 1.0;
            }
        }

        foreach (var key in new[] { "eval_interval", "eval_samples" })
        {
            if (IsAuto(resolved[key]))
            {
                resolved[key] = 1;
            }
        }

        job.ResolvedHyperparameters = resolved;
        job.Epochs = epochs;
        job.ExampleCount = n;
        job.StepsPerEpoch = Options.StepsPerEpoch ?? Math.Clamp((int)Math.Ceiling(n / (double)batch), 1, 50);
        job.TotalSteps = job.StepsPerEpoch * epochs;
        job.BillableTokensPerEpoch = estimate.BillableTokensPerEpoch;
        job.TrainedAnswers = report.Answers;
        job.Status = FineTuningJobStatus.Queued;
        job.PhaseStart = at;
        AddEvent(job, at, "info", "Files validated, moving job to queued state");
    }

    private static bool IsAuto(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "auto";

    private void Fail(StoredJob job, DateTimeOffset at, string code, string message, string? param)
    {
        job.Status = FineTuningJobStatus.Failed;
        job.FinishedAt = at.ToUnixTimeSeconds();
        job.Error = (code, message, param);
        AddEvent(job, at, "error", message);
    }

    private void RecordStep(StoredJob job, int step, DateTimeOffset at)
    {
        var seedText = job.Seed.ToString(CultureInfo.InvariantCulture);
        var stepText = step.ToString(CultureInfo.InvariantCulture);
        var curve = TrainingCurve.For(job.ExampleCount, step / (double)Math.Max(1, job.StepsPerEpoch));
        var noise = (StableHash.Unit(seedText, job.Id, stepText, "train") - 0.5) * 0.08;
        var trainLoss = Math.Max(0.01, curve.TrainLoss + noise);
        var trainAcc = Math.Clamp(1.0 - (trainLoss / 2.4), 0, 1);
        var data = new JsonObject
        {
            ["step"] = step,
            ["train_loss"] = Math.Round(trainLoss, 5),
            ["train_mean_token_accuracy"] = Math.Round(trainAcc, 5),
        };
        var hasValidation = job.ValidationFile is not null;
        double validLoss = 0, validAcc = 0;
        if (hasValidation)
        {
            var validNoise = (StableHash.Unit(seedText, job.Id, stepText, "valid") - 0.5) * 0.1;
            validLoss = Math.Max(0.02, curve.ValidLoss + validNoise);
            validAcc = Math.Clamp(1.0 - (validLoss / 2.4), 0, 1);
            data["valid_loss"] = Math.Round(validLoss, 5);
            data["valid_mean_token_accuracy"] = Math.Round(validAcc, 5);
        }

        var epochEnd = step % job.StepsPerEpoch == 0;
        double fullLoss = 0, fullAcc = 0;
        if (hasValidation && epochEnd)
        {
            fullLoss = Math.Max(0.02, curve.ValidLoss + 0.02);
            fullAcc = Math.Clamp(1.0 - (fullLoss / 2.4), 0, 1);
            data["full_valid_loss"] = Math.Round(fullLoss, 5);
            data["full_valid_mean_token_accuracy"] = Math.Round(fullAcc, 5);
        }

        data["total_steps"] = job.TotalSteps;
        var message = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Step {step}/{job.TotalSteps}: training loss={trainLoss:0.00}"));
        if (hasValidation)
        {
            message.Append(CultureInfo.InvariantCulture, $", validation loss={validLoss:0.00}");
        }

        if (hasValidation && epochEnd)
        {
            message.Append(CultureInfo.InvariantCulture, $", full validation loss={fullLoss:0.00}");
        }

        AddEvent(job, at, "info", message.ToString(), "metrics", data);
        job.MetricRows.Add(string.Join(
            ',',
            stepText,
            F(trainLoss),
            F(trainAcc),
            hasValidation ? F(validLoss) : string.Empty,
            hasValidation ? F(validAcc) : string.Empty,
            hasValidation && epochEnd ? F(fullLoss) : string.Empty,
            hasValidation && epochEnd ? F(fullAcc) : string.Empty));

        if (epochEnd)
        {
            var epoch = step / job.StepsPerEpoch;
            var metrics = (JsonObject)data.DeepClone();
            metrics.Remove("total_steps");
            metrics["type"] = job.MethodType;
            job.Checkpoints.Add(new StoredCheckpoint
            {
                Id = Ids.Next(job.IsAzure ? "ftchkpt-" : "ftckpt_"),
                CreatedAt = at.ToUnixTimeSeconds(),
                ModelId = ModelName(job) + ":ckpt-step-" + stepText,
                JobId = job.Id,
                StepNumber = step,
                Epoch = epoch,
                Metrics = metrics,
            });
            job.Checkpoints.RemoveAll(c => c.Epoch <= epoch - 3);
            AddEvent(job, at, "info", $"Checkpoint created at step {step}");
        }

        static string F(double value) => Math.Round(value, 5).ToString("0.#####", CultureInfo.InvariantCulture);
    }

    private static string ModelName(StoredJob job) => job.IsAzure ? AzureModelName(job) : ModelNameFor(job.Provider, job.BaseSnapshot, job.Suffix, job.Id);

    /// <summary>
    /// The name a job's model gets: OpenAI's <c>ft:BASE:ORG:SUFFIX:ID</c>, or Together's <c>ORG/BASE-SUFFIX-ID</c> (the base
    /// model's name without its organisation, as Together's <c>model_output_name</c>; named when the job is created).
    /// </summary>
    internal static string ModelNameFor(string provider, string baseSnapshot, string? suffix, string jobId) => provider == EmulatorModels.TogetherProvider
        ? $"{EmulatorConstants.OrganizationSlug}/{baseSnapshot[(baseSnapshot.LastIndexOf('/') + 1)..]}{(suffix is null ? string.Empty : "-" + suffix)}-{jobId[(jobId.IndexOf('-') + 1)..][..8]}"
        : $"ft:{baseSnapshot}:{EmulatorConstants.OrganizationSlug}:{suffix}:{jobId["ftjob-".Length..][..8]}";

    /// <summary>The catalog entry of a model as a job of <paramref name="provider"/> sees it.</summary>
    private static ModelCatalogEntry? FindFor(string provider, string model) =>
        provider == EmulatorModels.TogetherProvider ? EmulatorModels.Find(provider, model) : FindForJob(model, provider == AzureProvider);

    /// <summary>The job's trained replies, on top of its parent's when it continues a fine-tuned model.</summary>
    private Dictionary<string, string> TrainedAnswersOf(StoredJob job)
    {
        var answers = new Dictionary<string, string>(job.TrainedAnswers, StringComparer.Ordinal);
        if (FindModelLocked(job.Model) is { IsFineTuned: true } parent)
        {
            foreach (var (key, value) in parent.TrainedAnswers)
            {
                answers.TryAdd(key, value);
            }
        }

        return answers;
    }

    /// <summary>Makes the job's checkpoints (except the final one, which is the model itself) usable models, each as far trained as its epoch.</summary>
    private void RegisterCheckpointModels(StoredJob job, Dictionary<string, string> answers, StoredCheckpoint? final)
    {
        foreach (var checkpoint in job.Checkpoints.Where(c => c != final))
        {
            _models[checkpoint.ModelId] = new StoredModel
            {
                Id = checkpoint.ModelId, Created = checkpoint.CreatedAt, OwnedBy = EmulatorConstants.OrganizationId, BaseModel = job.BaseSnapshot,
                IsFineTuned = true, TrainedAnswers = answers, TrainedFraction = job.Epochs > 0 ? Math.Clamp(checkpoint.Epoch / (double)job.Epochs, 0, 1) : 1.0,
            };
        }
    }

    private void Succeed(StoredJob job, DateTimeOffset at)
    {
        var name = ModelName(job);
        var final = job.Checkpoints.OrderByDescending(c => c.StepNumber).FirstOrDefault();
        if (final is not null)
        {
            final.ModelId = name;
        }

        var answers = TrainedAnswersOf(job);
        var created = at.ToUnixTimeSeconds();
        _models[name] = new StoredModel { Id = name, Created = created, OwnedBy = EmulatorConstants.OrganizationId, BaseModel = job.BaseSnapshot, IsFineTuned = true, TrainedAnswers = answers };
        RegisterCheckpointModels(job, answers, final);

        var csv = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,full_valid_loss,full_valid_mean_token_accuracy\n");
        foreach (var row in job.MetricRows)
        {
            csv.Append(row).Append('\n');
        }

        var result = StoreFileLocked("step_metrics.csv", FineTuningLimits.ResultsPurpose, Encoding.UTF8.GetBytes(csv.ToString()), null);
        job.ResultFiles.Add(result.Id);
        job.FineTunedModel = name;
        job.TrainedTokens = job.BillableTokensPerEpoch * job.Epochs;
        job.Status = FineTuningJobStatus.Succeeded;
        job.FinishedAt = created;
        job.EstimatedFinish = null;
        AddEvent(job, at, "info", "New fine-tuned model created: " + name);
        AddEvent(job, at, "info", "The job has successfully completed");
    }
}
