using FineTuning.Toolkit.Connections;
using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Maps service JSON to the toolkit's models, tolerating both providers' shapes (e.g. <c>"error": {}</c>, Azure statuses).</summary>
internal static class JobJson
{
    private static readonly string[] s_metricNames =
        ["step", "total_steps", "train_loss", "train_mean_token_accuracy", "valid_loss", "valid_mean_token_accuracy", "full_valid_loss", "full_valid_mean_token_accuracy"];

    public static FineTuningJobInfo Job(JsonElement json, Func<string, string>? mapStatus = null)
    {
        var method = JsonRead.Object(json, "method");
        var methodType = JsonRead.String(method, "type");
        var hyper = JsonRead.Object(json, "hyperparameters");
        if (methodType is not null && JsonRead.Object(JsonRead.Object(method, methodType), "hyperparameters") is { ValueKind: JsonValueKind.Object } methodHyper)
        {
            hyper = methodHyper;
        }

        var error = JsonRead.Object(json, "error");
        var errorCode = JsonRead.String(error, "code");
        var errorMessage = JsonRead.String(error, "message");
        var results = new List<string>();
        if (json.TryGetProperty("result_files", out var files) && files.ValueKind == JsonValueKind.Array)
        {
            results.AddRange(files.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!));
        }

        var status = JsonRead.String(json, "status");
        return new FineTuningJobInfo
        {
            Id = JsonRead.String(json, "id") ?? throw new JsonException("The job object has no id."),
            Model = JsonRead.String(json, "model"),
            Status = string.IsNullOrWhiteSpace(status) ? default : new FineTuningJobStatus(mapStatus is null ? status : mapStatus(status)),
            CreatedAt = JsonRead.Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            FinishedAt = JsonRead.Time(json, "finished_at"),
            EstimatedFinish = JsonRead.Time(json, "estimated_finish"),
            FineTunedModel = JsonRead.String(json, "fine_tuned_model"),
            TrainingFileId = JsonRead.String(json, "training_file"),
            ValidationFileId = JsonRead.String(json, "validation_file"),
            ResultFileIds = results,
            TrainedTokens = JsonRead.Int64(json, "trained_tokens"),
            Seed = JsonRead.Int64(json, "seed"),
            Suffix = JsonRead.String(json, "user_provided_suffix") ?? JsonRead.String(json, "suffix"),
            MethodType = methodType ?? "supervised",
            Hyperparameters = JsonRead.StringMap(hyper),
            Metadata = JsonRead.StringMap(JsonRead.Object(json, "metadata")),
            Error = errorCode is null && errorMessage is null ? null : new FineTuningJobError { Code = errorCode, Message = errorMessage, Param = JsonRead.String(error, "param") },
            RawRepresentation = json.Clone(),
        };
    }

    public static FineTuningFileInfo File(JsonElement json) => new()
    {
        Id = JsonRead.String(json, "id") ?? throw new JsonException("The file object has no id."),
        FileName = JsonRead.String(json, "filename"),
        Bytes = JsonRead.Int64(json, "bytes") ?? 0,
        CreatedAt = JsonRead.Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
        ExpiresAt = JsonRead.Time(json, "expires_at"),
        Purpose = JsonRead.String(json, "purpose"),
        Status = JsonRead.String(json, "status")?.ToLowerInvariant(),
        StatusDetails = JsonRead.String(json, "status_details"),
        RawRepresentation = json.Clone(),
    };

    public static FineTuningModelInfo Model(JsonElement json) => new()
    {
        Id = JsonRead.String(json, "id") ?? throw new JsonException("The model object has no id."),
        CreatedAt = JsonRead.Time(json, "created") ?? JsonRead.Time(json, "created_at"),
        OwnedBy = JsonRead.String(json, "owned_by"),
        RawRepresentation = json.Clone(),
    };

    public static FineTuningEventInfo Event(JsonElement json)
    {
        var type = JsonRead.String(json, "type");
        var data = JsonRead.Object(json, "data");
        TrainingMetricPoint? metrics = null;
        if (type == "metrics" || (data.ValueKind == JsonValueKind.Object && JsonRead.Double(data, "step") is not null && JsonRead.Double(data, "train_loss") is not null))
        {
            metrics = Metrics(data, stepName: "step");
        }

        return new FineTuningEventInfo
        {
            Id = JsonRead.String(json, "id") ?? throw new JsonException("The event object has no id."),
            CreatedAt = JsonRead.Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            Level = JsonRead.String(json, "level") ?? "info",
            Message = JsonRead.String(json, "message") ?? string.Empty,
            Type = type,
            Metrics = metrics,
            RawRepresentation = json.Clone(),
        };
    }

    public static FineTuningCheckpointInfo Checkpoint(JsonElement json)
    {
        var step = (int)(JsonRead.Int64(json, "step_number") ?? 0);
        var metrics = Metrics(JsonRead.Object(json, "metrics"), stepName: "step");
        return new FineTuningCheckpointInfo
        {
            Id = JsonRead.String(json, "id") ?? throw new JsonException("The checkpoint object has no id."),
            CreatedAt = JsonRead.Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            FineTunedModelCheckpoint = JsonRead.String(json, "fine_tuned_model_checkpoint"),
            JobId = JsonRead.String(json, "fine_tuning_job_id"),
            StepNumber = step,
            Metrics = metrics.Step == 0 && step != 0 ? Copy(metrics, step) : metrics,
            RawRepresentation = json.Clone(),
        };
    }

    public static TrainingMetricPoint Metrics(JsonElement data, string stepName)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number)
                {
                    values[property.Name] = property.Value.GetDouble();
                }
            }
        }

        return FromValues(values, stepName);
    }

    public static TrainingMetricPoint FromValues(IReadOnlyDictionary<string, double> values, string stepName)
    {
        double? Get(string name) => values.TryGetValue(name, out var v) && double.IsFinite(v) ? v : null;
        return new TrainingMetricPoint
        {
            Step = (int)(Get(stepName) ?? 0),
            TotalSteps = Get("total_steps") is { } total ? (int)total : null,
            TrainLoss = Get("train_loss"),
            TrainMeanTokenAccuracy = Get("train_mean_token_accuracy") ?? Get("train_accuracy"),
            ValidLoss = Get("valid_loss"),
            ValidMeanTokenAccuracy = Get("valid_mean_token_accuracy") ?? Get("validation_mean_token_accuracy") ?? Get("valid_accuracy"),
            FullValidLoss = Get("full_valid_loss"),
            FullValidMeanTokenAccuracy = Get("full_valid_mean_token_accuracy"),
            Values = values,
        };
    }

    internal static bool IsKnownMetric(string name) => s_metricNames.Contains(name, StringComparer.Ordinal);

    private static TrainingMetricPoint Copy(TrainingMetricPoint p, int step) => new()
    {
        Step = step,
        TotalSteps = p.TotalSteps,
        TrainLoss = p.TrainLoss,
        TrainMeanTokenAccuracy = p.TrainMeanTokenAccuracy,
        ValidLoss = p.ValidLoss,
        ValidMeanTokenAccuracy = p.ValidMeanTokenAccuracy,
        FullValidLoss = p.FullValidLoss,
        FullValidMeanTokenAccuracy = p.FullValidMeanTokenAccuracy,
        Values = p.Values,
    };
}
