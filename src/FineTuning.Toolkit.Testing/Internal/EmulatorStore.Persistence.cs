using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Standalone persistence: files (with content), fine-tuned models and fine-tuning jobs survive a restart.</summary>
internal sealed partial class EmulatorStore
{
    private const string StateFile = "emulator-state.json";

    private readonly Lock _saveGate = new();

    /// <summary>Checks that <paramref name="folder"/> can hold the state (a folder, created when missing).</summary>
    /// <exception cref="IOException">The path exists and is not a folder, or cannot be created.</exception>
    public static void PrepareFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new IOException($"The emulator data path '{folder}' is a file, not a folder. Give a folder (it is created when missing).");
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "files"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IOException($"The emulator data folder '{folder}' cannot be created: {ex.Message}", ex);
        }
    }

    /// <summary>True when <paramref name="id"/> can name a file inside the data folder (no separators, no dots only).</summary>
    internal static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 200 && id.Trim('.').Length > 0 && id.IndexOfAny(['/', '\\', ':', '\0']) < 0 && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    public void Load(string folder)
    {
        var path = Path.Combine(folder, StateFile);
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            LoadCore(folder, path);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or NullReferenceException or FormatException
            or KeyNotFoundException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"The emulator state file '{path}' does not have the expected shape ({ex.Message}). Move it away to start empty.", ex);
        }
    }

    private void LoadCore(string folder, string path)
    {

        JsonObject state;
        try
        {
            state = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new InvalidDataException("not a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"The emulator state file '{path}' is not valid ({ex.Message}). Move it away to start empty.", ex);
        }

        lock (_gate)
        {
            _sequence = (long?)state["sequence"] ?? 0;
            foreach (var node in state["files"]?.AsArray() ?? [])
            {
                var f = node!.AsObject();
                var id = (string)f["id"]!;
                if (!IsSafeId(id))
                {
                    throw new InvalidDataException($"The emulator state file '{path}' names a file id that is not a plain name ('{id}'). Move it away to start empty.");
                }

                var contentPath = Path.Combine(folder, "files", id);
                _files[id] = new StoredFile
                {
                    Id = id,
                    Filename = (string)f["filename"]!,
                    Purpose = (string)f["purpose"]!,
                    CreatedAt = (long)f["created_at"]!,
                    ExpiresAt = (long?)f["expires_at"],
                    Sequence = (long)f["sequence"]!,
                    ContentPath = contentPath,
                    Bytes = File.Exists(contentPath) ? new FileInfo(contentPath).Length : 0,
                };
            }

            foreach (var node in state["models"]?.AsArray() ?? [])
            {
                var m = node!.AsObject();
                var answers = m["trained_answers"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal) ?? [];
                _models[(string)m["id"]!] = new StoredModel
                {
                    Id = (string)m["id"]!,
                    Created = (long)m["created"]!,
                    OwnedBy = (string)m["owned_by"]!,
                    BaseModel = (string)m["base_model"]!,
                    IsFineTuned = true,
                    TrainedAnswers = answers,
                    TrainedFraction = (double?)m["trained_fraction"] ?? 1.0,
                };
            }

            foreach (var node in state["jobs"]?.AsArray() ?? [])
            {
                var job = RestoreJob(node!.AsObject());
                _jobs[job.Id] = job;
            }
        }
    }

    /// <summary>Saves the state; on failure logs it and returns the reason (null when saved).</summary>
    public string? TrySave(string folder, ILogger logger)
    {
        try
        {
            Save(folder);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            StoreLog.PersistFailed(logger, ex, folder);
            return ex.Message;
        }
    }

    /// <summary>
    /// Saves the state: each file's content once (files/&lt;id&gt;, atomically), then the state file (atomically).
    /// Saves are serialized; content is written outside the store lock so requests are not held up.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public void Save(string folder)
    {
        lock (_saveGate)
        {
            Directory.CreateDirectory(Path.Combine(folder, "files"));
            List<StoredFile> files;
            lock (_gate)
            {
                AdvanceAllLocked();
                files = [.. _files.Values];
            }

            foreach (var file in files)
            {
                var target = Path.Combine(folder, "files", file.Id);
                if (IsSafeId(file.Id) && !File.Exists(target))
                {
                    CopyAtomically(file.ContentPath, target);
                }
            }

            JsonObject state;
            lock (_gate)
            {
                AdvanceAllLocked();
                state = new JsonObject
                {
                    ["sequence"] = _sequence,
                    ["files"] = new JsonArray([.. _files.Values.Where(f => File.Exists(Path.Combine(folder, "files", f.Id))).Select(f => (JsonNode)new JsonObject
                    {
                        ["id"] = f.Id, ["filename"] = f.Filename, ["purpose"] = f.Purpose, ["created_at"] = f.CreatedAt,
                        ["expires_at"] = f.ExpiresAt, ["sequence"] = f.Sequence,
                    })]),
                    ["models"] = new JsonArray([.. _models.Values.Where(m => m.IsFineTuned).Select(m => (JsonNode)new JsonObject
                    {
                        ["id"] = m.Id, ["created"] = m.Created, ["owned_by"] = m.OwnedBy, ["base_model"] = m.BaseModel, ["trained_fraction"] = m.TrainedFraction,
                        ["trained_answers"] = new JsonObject([.. m.TrainedAnswers.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))]),
                    })]),
                    ["jobs"] = new JsonArray([.. _jobs.Values.Select(j => (JsonNode)SaveJob(j))]),
                };
            }

            WriteAtomically(Path.Combine(folder, StateFile), System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()));
        }
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        AtomicFile.WriteAllBytes(path, content);
    }

    /// <summary>Copies stored content into the data folder (temp + rename), streaming.</summary>
    private static void CopyAtomically(string source, string path)
    {
        AtomicFile.WriteAsync(path, async (target, ct) =>
        {
            await using var from = File.Exists(source) ? FileContentStore.OpenRead(source) : Stream.Null;
            await from.CopyToAsync(target, ct).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
    }

    private static JsonObject SaveJob(StoredJob j) => new()
    {
        ["id"] = j.Id, ["provider"] = j.Provider, ["model"] = j.Model, ["base"] = j.BaseSnapshot, ["training_file"] = j.TrainingFile, ["validation_file"] = j.ValidationFile,
        ["suffix"] = j.Suffix, ["seed"] = j.Seed, ["metadata"] = j.Metadata?.DeepClone(), ["integrations"] = j.Integrations?.DeepClone(),
        ["method"] = j.MethodType, ["requested"] = j.RequestedHyperparameters.DeepClone(), ["resolved"] = j.ResolvedHyperparameters?.DeepClone(),
        ["grader"] = j.Grader?.DeepClone(), ["azure_training_type"] = j.AzureTrainingType, ["created_at"] = j.CreatedAt, ["sequence"] = j.Sequence, ["status"] = j.Status.Value,
        ["finished_at"] = j.FinishedAt, ["fine_tuned_model"] = j.FineTunedModel, ["trained_tokens"] = j.TrainedTokens,
        ["error"] = j.Error is { } e ? new JsonObject { ["code"] = e.Code, ["message"] = e.Message, ["param"] = e.Param } : null,
        ["result_files"] = new JsonArray([.. j.ResultFiles.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["events"] = new JsonArray([.. j.Events.Select(e => (JsonNode)e.ToJson())]),
        ["checkpoints"] = new JsonArray([.. j.Checkpoints.Select(c => { var o = c.ToJson(); o["epoch"] = c.Epoch; return (JsonNode)o; })]),
        ["phase_start"] = j.PhaseStart.ToUnixTimeMilliseconds(), ["steps_done"] = j.StepsDone, ["steps_at_phase_start"] = j.StepsAtPhaseStart,
        ["total_steps"] = j.TotalSteps, ["steps_per_epoch"] = j.StepsPerEpoch, ["epochs"] = j.Epochs, ["examples"] = j.ExampleCount,
        ["billable_per_epoch"] = j.BillableTokensPerEpoch,
        ["answers"] = new JsonObject([.. j.TrainedAnswers.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))]),
        ["metric_rows"] = new JsonArray([.. j.MetricRows.Select(r => (JsonNode)JsonValue.Create(r))]),
    };

    private static StoredJob RestoreJob(JsonObject o)
    {
        var job = new StoredJob
        {
            Id = (string)o["id"]!, Provider = (string?)o["provider"] ?? EmulatorModels.Provider, Model = (string)o["model"]!, BaseSnapshot = (string)o["base"]!, TrainingFile = (string)o["training_file"]!,
            ValidationFile = (string?)o["validation_file"], Suffix = (string?)o["suffix"], Seed = (long)o["seed"]!,
            Metadata = o["metadata"]?.DeepClone() as JsonObject, Integrations = o["integrations"]?.DeepClone() as JsonArray,
            MethodType = (string)o["method"]!, RequestedHyperparameters = (JsonObject)o["requested"]!.DeepClone(),
            Grader = o["grader"]?.DeepClone() as JsonObject, AzureTrainingType = (string?)o["azure_training_type"], CreatedAt = (long)o["created_at"]!, Sequence = (long)o["sequence"]!,
        };
        job.ResolvedHyperparameters = o["resolved"]?.DeepClone() as JsonObject;
        job.Status = new FineTuningJobStatus((string)o["status"]!);
        job.FinishedAt = (long?)o["finished_at"];
        job.FineTunedModel = (string?)o["fine_tuned_model"];
        job.TrainedTokens = (long?)o["trained_tokens"];
        if (o["error"] is JsonObject e)
        {
            job.Error = ((string)e["code"]!, (string)e["message"]!, (string?)e["param"]);
        }

        job.ResultFiles.AddRange(o["result_files"]!.AsArray().Select(r => (string)r!));
        foreach (var node in o["events"]!.AsArray())
        {
            var ev = node!.AsObject();
            job.Events.Add(new StoredEvent
            {
                Id = (string)ev["id"]!, CreatedAt = (long)ev["created_at"]!, Level = (string)ev["level"]!, Message = (string)ev["message"]!,
                Type = (string)ev["type"]!, Data = ev["data"]?.DeepClone() as JsonObject,
            });
        }

        foreach (var node in o["checkpoints"]!.AsArray())
        {
            var c = node!.AsObject();
            job.Checkpoints.Add(new StoredCheckpoint
            {
                Id = (string)c["id"]!, CreatedAt = (long)c["created_at"]!, ModelId = (string)c["fine_tuned_model_checkpoint"]!, JobId = job.Id,
                StepNumber = (int)c["step_number"]!, Epoch = (int)c["epoch"]!, Metrics = (JsonObject)c["metrics"]!.DeepClone(),
            });
        }

        job.PhaseStart = DateTimeOffset.FromUnixTimeMilliseconds((long)o["phase_start"]!);
        job.StepsDone = (int)o["steps_done"]!;
        job.StepsAtPhaseStart = (int)o["steps_at_phase_start"]!;
        job.TotalSteps = (int)o["total_steps"]!;
        job.StepsPerEpoch = (int)o["steps_per_epoch"]!;
        job.Epochs = (int)o["epochs"]!;
        job.ExampleCount = (int)o["examples"]!;
        job.BillableTokensPerEpoch = (long)o["billable_per_epoch"]!;
        job.TrainedAnswers = o["answers"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
        job.MetricRows.AddRange(o["metric_rows"]!.AsArray().Select(r => (string)r!));
        return job;
    }
}
