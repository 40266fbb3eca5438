using System.ClientModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Together AI's fine-tuning API (docs.together.ai/reference; togethercomputer/openapi <c>openapi.yaml</c>) behind the
/// toolkit's job, file and weights interfaces, over the same <see cref="ApiConnection"/> (pipeline, retry policy,
/// redaction) as the OpenAI client: <c>POST /files/upload</c> with its server-side validation (<c>processing_status</c>),
/// <c>/fine-tunes</c> (create, list, get, cancel, events, checkpoints) and <c>/finetune/download</c>. Together's statuses
/// map through <see cref="ProviderCapabilities.StatusAliases"/>.
/// </summary>
internal sealed class TogetherFineTuningClient : IFineTuningJobClient, IFineTuningFileClient, IModelWeightsClient
{
    /// <summary>How far back (before the call started) a job found after an ambiguous create failure may have been created (clock skew).</summary>
    private static readonly TimeSpan RecoverySkew = TimeSpan.FromMinutes(5);

    private readonly ApiConnection _api;

    public TogetherFineTuningClient(ApiConnection api)
    {
        _api = api;
    }

    public FineTuningProvider Provider => _api.Provider;

    // --- jobs ----------------------------------------------------------------------------------------------------

    public async Task<FineTuningJobInfo> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The fine-tuning job request is invalid: " + string.Join(" ", errors), nameof(request));
        }

        var method = request.Method?.Type ?? ProviderCapabilities.Supervised;
        if (_api.Capabilities.Refusal(method, request.Suffix, (request.Method as ReinforcementTraining)?.Grader.Type) is { } refusal)
        {
            throw new NotSupportedException(refusal);
        }

        var body = ToBody(request);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var started = _api.Time.GetUtcNow();
        var job = await _api.SendAsync(
            new ApiRequest("jobs.create", "POST", "fine-tunes") { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
            r => TogetherJson.Job(r.Json, _api.Capabilities),
            async ct =>
            {
                // Together jobs carry no metadata, so there is no idempotency key to look up: the job that attempt may have
                // created is the one with the same model, training file and suffix created since the call started.
                var found = await FindCreatedJobAsync(request, started - RecoverySkew, ct).ConfigureAwait(false);
                if (found is not null)
                {
                    _api.Logger.Recovered("jobs.create", found.Id);
                }

                return found;
            },
            cancellationToken).ConfigureAwait(false);
        JobsTelemetry.JobsCreated.Add(1, new KeyValuePair<string, object?>("ftk.provider", "together"));
        _api.Logger.JobCreated(job.Id, job.Model, job.MethodType);
        return job;
    }

    /// <summary>The <c>POST /fine-tunes</c> body of a request (Together's field names; unset values are left to Together's defaults).</summary>
    internal static JsonObject ToBody(FineTuningJobRequest request)
    {
        var together = request.Together ?? new TogetherTrainingOptions();
        var method = request.Method ?? new SupervisedTraining();
        if (!method.LearningRateMultiplier.IsAuto)
        {
            throw new NotSupportedException("Together AI takes an absolute learning rate, not a multiplier: set TogetherTrainingOptions.LearningRate (and leave the learning-rate multiplier on auto).");
        }

        if (request.Wandb is not null && string.IsNullOrEmpty(together.WandbApiKey))
        {
            throw new NotSupportedException("Together AI reports to Weights & Biases with your W&B key: set TogetherTrainingOptions.WandbApiKey, or leave the W&B integration out.");
        }

        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["training_file"] = request.TrainingFileId,
        };
        Set(body, "validation_file", request.ValidationFileId);
        SetNumber(body, "n_epochs", method.Epochs.Value is { } epochs ? (int?)(int)epochs : null);
        SetNumber(body, "batch_size", method.BatchSize.Value is { } batch ? (int?)(int)batch : null);
        SetNumber(body, "learning_rate", together.LearningRate);
        SetNumber(body, "warmup_ratio", together.WarmupRatio);
        SetNumber(body, "n_checkpoints", together.Checkpoints);
        SetNumber(body, "n_evals", together.Evaluations);
        Set(body, "suffix", request.Suffix);
        SetNumber(body, "random_seed", request.Seed);
        Set(body, "from_checkpoint", together.FromCheckpoint);
        body["training_method"] = method is DpoTraining dpo
            ? new JsonObject { ["method"] = "dpo", ["dpo_beta"] = dpo.Beta.Value is { } beta ? beta : null }
            : new JsonObject { ["method"] = "sft", ["train_on_inputs"] = "auto" };
        if (body["training_method"] is JsonObject { } tm && tm["dpo_beta"] is null)
        {
            tm.Remove("dpo_beta");
        }

        if (together.FullFineTuning)
        {
            body["training_type"] = new JsonObject { ["type"] = "Full" };
        }
        else if (together.LoraRank is not null || together.LoraAlpha is not null)
        {
            // The schema requires both with type Lora; Together's documented default for each is 8.
            body["training_type"] = new JsonObject { ["type"] = "Lora", ["lora_r"] = together.LoraRank ?? 8, ["lora_alpha"] = together.LoraAlpha ?? 8 };
        }

        if (request.Wandb is { } wandb)
        {
            body["wandb_api_key"] = together.WandbApiKey;
            body["wandb_project_name"] = wandb.Project;
            Set(body, "wandb_name", wandb.Name);
            Set(body, "wandb_entity", wandb.Entity);
        }

        foreach (var (key, json) in request.ExtraBodyJson)
        {
            body[key] = JsonNode.Parse(json);
        }

        return body;

        // Typed overloads, not JsonValue.Create<T>: the tool is compiled Native AOT, where the generic one is not safe.
        static void Set(JsonObject target, string name, string? value)
        {
            if (value is not null)
            {
                target[name] = JsonValue.Create(value);
            }
        }

        static void SetNumber(JsonObject target, string name, double? value)
        {
            if (value is { } number)
            {
                target[name] = number == Math.Floor(number) && Math.Abs(number) < int.MaxValue ? JsonValue.Create((int)number) : JsonValue.Create(number);
            }
        }
    }

    private async Task<FineTuningJobInfo?> FindCreatedJobAsync(FineTuningJobRequest request, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await foreach (var job in ListJobsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (job.CreatedAt >= since && job.TrainingFileId == request.TrainingFileId && job.Suffix == request.Suffix
                && string.Equals(job.Model, request.Model, StringComparison.OrdinalIgnoreCase))
            {
                return job;
            }
        }

        return null;
    }

    public Task<FineTuningJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return _api.SendOrNotFoundAsync(new ApiRequest("jobs.get", "GET", "fine-tunes/" + Escape(jobId)), r => TogetherJson.Job(r.Json, _api.Capabilities), cancellationToken);
    }

    public async IAsyncEnumerable<FineTuningJobInfo> ListJobsAsync(JobListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new JobListOptions();
        if (options.Metadata.Count > 0)
        {
            // Together jobs have no metadata, so no job matches a metadata filter.
            yield break;
        }

        var jobs = await _api.SendAsync(new ApiRequest("jobs.list", "GET", "fine-tunes"), r => TogetherJson.List(r.Json, j => TogetherJson.Job(j, _api.Capabilities)), null, cancellationToken).ConfigureAwait(false);
        var skipping = options.After is not null;
        foreach (var job in jobs.OrderByDescending(j => j.CreatedAt))
        {
            if (skipping)
            {
                skipping = job.Id != options.After;
                continue;
            }

            yield return job;
        }
    }

    public Task<FineTuningJobInfo> CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return _api.SendAsync(new ApiRequest("jobs.cancel", "POST", $"fine-tunes/{Escape(jobId)}/cancel"), r => TogetherJson.Job(r.Json, _api.Capabilities), null, cancellationToken);
    }

    public Task<FineTuningJobInfo> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{_api.Capabilities.Name} cannot pause jobs (cancel it, then continue later with TogetherTrainingOptions.FromCheckpoint).");

    public Task<FineTuningJobInfo> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{_api.Capabilities.Name} cannot resume jobs (start a new one with TogetherTrainingOptions.FromCheckpoint = \"{jobId}\").");

    public async IAsyncEnumerable<FineTuningEventInfo> ListEventsAsync(string jobId, string? afterEventId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var events = await _api.SendAsync(new ApiRequest("jobs.events", "GET", $"fine-tunes/{Escape(jobId)}/events"), r => TogetherJson.Events(r.Json, jobId), null, cancellationToken).ConfigureAwait(false);
        var skipping = afterEventId is not null && events.Any(e => e.Id == afterEventId);
        foreach (var item in events)
        {
            if (skipping)
            {
                skipping = item.Id != afterEventId;
                continue;
            }

            yield return item;
        }
    }

    public async IAsyncEnumerable<FineTuningCheckpointInfo> ListCheckpointsAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var checkpoints = await _api.SendAsync(
            new ApiRequest("jobs.checkpoints", "GET", $"fine-tunes/{Escape(jobId)}/checkpoints"),
            r => TogetherJson.List(r.Json, c => TogetherJson.Checkpoint(c, jobId)),
            null,
            cancellationToken).ConfigureAwait(false);
        foreach (var checkpoint in checkpoints.OrderByDescending(c => c.StepNumber))
        {
            yield return checkpoint;
        }
    }

    // --- files ---------------------------------------------------------------------------------------------------

    public Task<FineTuningFileInfo> UploadFileAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var fileType = fileName.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "jsonl";
        return MultipartContent.UploadAsync(
            _api, "files/upload", content, fileName, [new("purpose", purpose), new("file_name", fileName), new("file_type", fileType)], r => TogetherJson.File(r.Json),
            async (length, ct) =>
            {
                await foreach (var stored in ListFilesAsync(purpose, ct).ConfigureAwait(false))
                {
                    if (stored.FileName == fileName && stored.Bytes == length && !stored.IsError)
                    {
                        _api.Logger.Recovered("files.upload", stored.Id);
                        return stored;
                    }
                }

                return null;
            },
            cancellationToken);
    }

    public Task<string> CreateUploadAsync(string fileName, long bytes, string purpose, string mimeType, CancellationToken cancellationToken = default) => throw NoUploadsApi();

    public Task<string> AddUploadPartAsync(string uploadId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => throw NoUploadsApi();

    public Task<FineTuningFileInfo> CompleteUploadAsync(string uploadId, IReadOnlyList<string> partIds, string? md5, CancellationToken cancellationToken = default) => throw NoUploadsApi();

    public Task CancelUploadAsync(string uploadId, CancellationToken cancellationToken = default) => throw NoUploadsApi();

    private NotSupportedException NoUploadsApi() =>
        new($"{_api.Capabilities.Name} has no multi-part Uploads API; files go up in one request (up to {_api.Capabilities.MaxFileBytes} bytes).");

    public Task<FineTuningFileInfo?> GetFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return _api.SendOrNotFoundAsync(new ApiRequest("files.get", "GET", "files/" + Escape(fileId)), r => TogetherJson.File(r.Json), cancellationToken);
    }

    public async IAsyncEnumerable<FineTuningFileInfo> ListFilesAsync(string? purpose = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var files = await _api.SendAsync(new ApiRequest("files.list", "GET", "files"), r => TogetherJson.List(r.Json, TogetherJson.File), null, cancellationToken).ConfigureAwait(false);
        foreach (var file in files.OrderByDescending(f => f.CreatedAt))
        {
            if (purpose is null || file.Purpose is null || file.Purpose == purpose)
            {
                yield return file;
            }
        }
    }

    public async Task<long> DownloadFileAsync(string fileId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await _api.SendAsync(
            new ApiRequest("files.content", "GET", $"files/{Escape(fileId)}/content") { StreamResponse = true }, r => r, null, cancellationToken).ConfigureAwait(false);
        var source = response.ContentStream;
        await using (source.ConfigureAwait(false))
        {
            var before = destination.CanSeek ? destination.Position : 0;
            await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return destination.CanSeek ? destination.Position - before : 0;
        }
    }

    public async Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return await _api.SendOrNotFoundAsync(new ApiRequest("files.delete", "DELETE", "files/" + Escape(fileId)), r => string.Empty, cancellationToken).ConfigureAwait(false) is not null;
    }

    // --- weights -------------------------------------------------------------------------------------------------

    public Task<ModelWeightsDownload> DownloadWeightsAsync(
        string jobId, string destinationPath, ModelWeightsCheckpoint checkpoint = ModelWeightsCheckpoint.Merged, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var kind = checkpoint == ModelWeightsCheckpoint.Adapter ? "adapter" : "merged";
        var path = $"finetune/download?ft_id={Escape(jobId)}&checkpoint={kind}";
        return new ResumableDownload(_api, "jobs.download_weights", path).RunAsync(jobId, checkpoint, destinationPath, progress, cancellationToken);
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
