using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Maps Together AI's JSON (togethercomputer/openapi: <c>FinetuneResponseTruncated</c>, <c>FineTuneEvent</c>,
/// <c>FineTuneCheckpoint</c>, <c>FileResponse</c> plus <c>processing_status</c>/<c>validation_report</c>) onto the toolkit's
/// job, event, checkpoint and file types. Times are ISO 8601 strings there (Unix seconds on files).
/// </summary>
internal static class TogetherJson
{
    /// <summary>The <c>processing_status</c> of a file that passed Together's server-side validation.</summary>
    public const string FileCompleted = "COMPLETED";

    /// <summary>The <c>processing_status</c> values that mean the file cannot be trained on.</summary>
    public static readonly string[] FileRejected = ["INVALID_FORMAT", "FAILED"];

    public static List<T> List<T>(JsonElement json, Func<JsonElement, T> map)
    {
        var items = new List<T>();
        var data = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("data", out var d) ? d : json;
        if (data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                items.Add(map(item));
            }
        }

        return items;
    }

    public static FineTuningJobInfo Job(JsonElement json, ProviderCapabilities capabilities)
    {
        var status = JsonRead.String(json, "status");
        var mapped = string.IsNullOrWhiteSpace(status) ? default : new FineTuningJobStatus(capabilities.MapStatus(status));
        var method = JsonRead.String(JsonRead.Object(json, "training_method"), "method");
        var hyper = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "n_epochs", "batch_size", "learning_rate", "warmup_ratio", "n_checkpoints", "n_evals" })
        {
            if (json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            {
                hyper[name] = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
            }
        }

        var trainingType = JsonRead.Object(json, "training_type");
        hyper["training_type"] = JsonRead.String(trainingType, "type") ?? "Lora";
        foreach (var name in new[] { "lora_r", "lora_alpha" })
        {
            if (JsonRead.Int64(trainingType, name) is { } v)
            {
                hyper[name] = v.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (JsonRead.Double(JsonRead.Object(json, "training_method"), "dpo_beta") is { } beta)
        {
            hyper["beta"] = beta.ToString("R", CultureInfo.InvariantCulture);
        }

        var updated = Time(json, "updated_at");
        return new FineTuningJobInfo
        {
            Id = JsonRead.String(json, "id") ?? throw new JsonException("The fine-tune object has no id."),
            Model = JsonRead.String(json, "model"),
            Status = mapped,
            CreatedAt = Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            FinishedAt = mapped.IsTerminal ? updated : null,

            // Together names the output model at creation; it answers only once the job has completed.
            FineTunedModel = mapped == FineTuningJobStatus.Succeeded ? JsonRead.String(json, "model_output_name") ?? JsonRead.String(json, "output_name") : null,
            TrainingFileId = JsonRead.String(json, "training_file"),
            ValidationFileId = JsonRead.String(json, "validation_file"),
            TrainedTokens = mapped == FineTuningJobStatus.Succeeded ? JsonRead.Int64(json, "token_count") : null,
            Seed = JsonRead.Int64(json, "random_seed"),
            Suffix = JsonRead.String(json, "suffix"),
            MethodType = method == "dpo" ? ProviderCapabilities.Dpo : ProviderCapabilities.Supervised,
            Hyperparameters = hyper,
            Error = mapped == FineTuningJobStatus.Failed ? Error(json, status!) : null,
            RawRepresentation = json.Clone(),
        };
    }

    private static FineTuningJobError Error(JsonElement json, string status)
    {
        if (json.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return new FineTuningJobError { Code = status, Message = error.GetString() };
            }

            if (error.ValueKind == JsonValueKind.Object)
            {
                return new FineTuningJobError { Code = JsonRead.String(error, "code") ?? status, Message = JsonRead.String(error, "message"), Param = JsonRead.String(error, "param") };
            }
        }

        return new FineTuningJobError { Code = status, Message = $"Together reported status '{status}'; see the job's events (ftk jobs events ID)." };
    }

    /// <summary>Reads events oldest first. Together's events have no ids, so each gets <c>{jobId}:{n}</c> by its place in time (events are only appended).</summary>
    public static List<FineTuningEventInfo> Events(JsonElement json, string jobId)
    {
        var raw = List(json, e => e).Select((e, i) => (Json: e, Index: i, At: Time(e, "created_at") ?? DateTimeOffset.UnixEpoch)).OrderBy(e => e.At).ThenBy(e => e.Index).ToList();
        var events = new List<FineTuningEventInfo>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var e = raw[i].Json;
            var level = JsonRead.String(e, "level");
            events.Add(new FineTuningEventInfo
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{jobId}:{i + 1}"),
                CreatedAt = raw[i].At,
                Level = level is null or "" or "legacy_info" ? "info" : level.Replace("legacy_i", string.Empty, StringComparison.Ordinal),
                Message = JsonRead.String(e, "message") ?? string.Empty,
                Type = JsonRead.String(e, "type"),
                RawRepresentation = e.Clone(),
            });
        }

        return events;
    }

    /// <summary>A checkpoint; its id is <c>{jobId}:{step}</c>, the form Together's <c>from_checkpoint</c> takes.</summary>
    public static FineTuningCheckpointInfo Checkpoint(JsonElement json, string jobId)
    {
        var step = (int)(JsonRead.Int64(json, "step") ?? 0);
        var id = string.Create(CultureInfo.InvariantCulture, $"{jobId}:{step}");
        return new FineTuningCheckpointInfo
        {
            Id = id,
            CreatedAt = Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            FineTunedModelCheckpoint = JsonRead.String(json, "path") ?? id,
            JobId = jobId,
            StepNumber = step,
            Metrics = new TrainingMetricPoint { Step = step },
            RawRepresentation = json.Clone(),
        };
    }

    /// <summary>
    /// A file. <c>processing_status</c> COMPLETED is <c>processed</c>; INVALID_FORMAT and FAILED are <c>error</c> with the
    /// validation report's reason in <see cref="FineTuningFileInfo.StatusDetails"/>; anything else is still being validated.
    /// </summary>
    public static FineTuningFileInfo File(JsonElement json)
    {
        var processing = JsonRead.String(json, "processing_status");
        var report = JsonRead.Object(json, "validation_report");
        string? status = null;
        string? details = null;
        if (processing is not null)
        {
            if (string.Equals(processing, FileCompleted, StringComparison.OrdinalIgnoreCase))
            {
                status = "processed";
            }
            else if (FileRejected.Contains(processing.ToUpperInvariant()))
            {
                status = "error";
                var reason = JsonRead.String(report, "error") ?? (report.ValueKind == JsonValueKind.Object ? report.GetRawText() : null);
                details = $"{processing.ToUpperInvariant()}: {reason ?? "Together gave no validation report"}";
            }
            else
            {
                status = processing.ToLowerInvariant();
            }
        }

        return new FineTuningFileInfo
        {
            Id = JsonRead.String(json, "id") ?? throw new JsonException("The file object has no id."),
            FileName = JsonRead.String(json, "filename"),
            Bytes = JsonRead.Int64(json, "bytes") ?? 0,
            CreatedAt = Time(json, "created_at") ?? DateTimeOffset.UnixEpoch,
            Purpose = JsonRead.String(json, "purpose"),
            Status = status,
            StatusDetails = details,
            RawRepresentation = json.Clone(),
        };
    }

    /// <summary>A time given as ISO 8601 text (jobs, events) or Unix seconds (files).</summary>
    public static DateTimeOffset? Time(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) => at,
            JsonValueKind.Number when value.TryGetInt64(out var seconds) && seconds > 0 => DateTimeOffset.FromUnixTimeSeconds(seconds),
            _ => null,
        };
    }
}
