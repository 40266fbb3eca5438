using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Models;
using System.ClientModel;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The OpenAI-wire implementation of the job and file clients, used for OpenAI and Azure OpenAI v1 alike. Requests go
/// through the OpenAI SDK's pipeline; bodies and responses are built and read here, because the SDK's typed methods
/// reject Azure's 201s and file statuses, lack <c>paused</c>, RFT, uploads and the metadata filter.
/// </summary>
internal sealed partial class OpenAIFineTuningClient : IFineTuningJobClient, IFineTuningFileClient, IFineTuningModelClient, IAzureFineTuningClient
{
    private const int ListPageSize = 100;
    private const int MaxRecoveryScan = 200;
    private readonly ApiConnection _api;
    private readonly AzureTrainingType? _defaultAzureTrainingType;
    private readonly IModelCatalog? _catalog;
    private readonly ConcurrentDictionary<string, StartedUpload> _uploads = new(StringComparer.Ordinal);

    public OpenAIFineTuningClient(ApiConnection api, AzureTrainingType? defaultAzureTrainingType, IModelCatalog? catalog = null)
    {
        _api = api;
        _defaultAzureTrainingType = defaultAzureTrainingType;
        _catalog = catalog;
    }

    public FineTuningProvider Provider => _api.Provider;

    internal ApiConnection Connection => _api;

    public async Task<FineTuningJobInfo> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The fine-tuning job request is invalid: " + string.Join(" ", errors), nameof(request));
        }

        if (_api.Capabilities.Refusal(request.Method?.Type ?? ProviderCapabilities.Supervised, request.Suffix, (request.Method as Methods.ReinforcementTraining)?.Grader.Type) is { } refusal)
        {
            throw new NotSupportedException(refusal);
        }

        var key = request.IdempotencyKey ?? "ftk-" + Guid.NewGuid().ToString("N");
        var isAzure = Provider == FineTuningProvider.Azure;
        var body = request.ToJson(includeAzureFields: isAzure);
        var trainingType = isAzure ? request.AzureTrainingType ?? _defaultAzureTrainingType ?? AzureTrainingTypes.DefaultFor(_catalog, request.Model) : null;
        if (trainingType is { } type)
        {
            body["trainingType"] = AzureTrainingTypes.ToWire(type);
        }

        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        metadata[FineTuningJobRequest.IdempotencyMetadataKey] = key;
        body["metadata"] = metadata;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());

        FineTuningJobInfo job;
        try
        {
            job = await _api.SendAsync(
                new ApiRequest("jobs.create", "POST", "fine_tuning/jobs") { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
                r => Job(r.Json),
                async ct =>
                {
                    var found = await FindJobByIdempotencyKeyAsync(key, ct).ConfigureAwait(false);
                    if (found is not null)
                    {
                        _api.Logger.Recovered("jobs.create", found.Id);
                    }

                    return found;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (FineTuningApiException ex) when (isAzure && AzureTrainingTypes.IsUnsupportedTrainingType(ex))
        {
            throw AzureTrainingTypes.Explain(ex, request.Model, trainingType, _catalog);
        }

        JobsTelemetry.JobsCreated.Add(1, new KeyValuePair<string, object?>("ftk.provider", Provider.ToString().ToLowerInvariant()));
        _api.Logger.JobCreated(job.Id, job.Model, job.MethodType);
        return job;
    }

    /// <summary>Finds the job created with an idempotency key (metadata filter, verified client-side).</summary>
    internal async Task<FineTuningJobInfo?> FindJobByIdempotencyKeyAsync(string key, CancellationToken cancellationToken)
    {
        var scanned = 0;
        var options = new JobListOptions { Metadata = new Dictionary<string, string> { [FineTuningJobRequest.IdempotencyMetadataKey] = key }, PageSize = ListPageSize };
        await foreach (var job in ListJobsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            if (job.Metadata.TryGetValue(FineTuningJobRequest.IdempotencyMetadataKey, out var value) && value == key)
            {
                return job;
            }

            if (++scanned >= MaxRecoveryScan)
            {
                break;
            }
        }

        return null;
    }

    public Task<FineTuningJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return _api.SendOrNotFoundAsync(new ApiRequest("jobs.get", "GET", "fine_tuning/jobs/" + Escape(jobId)), r => Job(r.Json), cancellationToken);
    }

    public async IAsyncEnumerable<FineTuningJobInfo> ListJobsAsync(JobListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new JobListOptions();
        var filter = new StringBuilder();
        foreach (var (key, value) in options.Metadata)
        {
            filter.Append("&metadata[").Append(Uri.EscapeDataString(key)).Append("]=").Append(Uri.EscapeDataString(value));
        }

        var after = options.After;
        var pageSize = Math.Clamp(options.PageSize, 1, 100);
        while (true)
        {
            var path = $"fine_tuning/jobs?limit={pageSize}{filter}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            var page = await _api.SendAsync(new ApiRequest("jobs.list", "GET", path), r => ReadPage(r.Json, Job), null, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Items)
            {
                if (options.Metadata.All(p => job.Metadata.TryGetValue(p.Key, out var v) && v == p.Value))
                {
                    yield return job;
                }
            }

            if (!page.HasMore || page.Items.Count == 0)
            {
                yield break;
            }

            after = page.Items[^1].Id;
        }
    }

    public Task<FineTuningJobInfo> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) => JobActionAsync(jobId, "cancel", cancellationToken);

    public Task<FineTuningJobInfo> PauseJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _api.Capabilities.SupportsPause ? JobActionAsync(jobId, "pause", cancellationToken) : throw new NotSupportedException($"{_api.Capabilities.Name} cannot pause jobs.");

    public Task<FineTuningJobInfo> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _api.Capabilities.SupportsPause ? JobActionAsync(jobId, "resume", cancellationToken) : throw new NotSupportedException($"{_api.Capabilities.Name} cannot resume jobs.");

    /// <summary>Reads a job, mapping the provider's own status names onto the toolkit's (<see cref="ProviderCapabilities.StatusAliases"/>).</summary>
    private FineTuningJobInfo Job(JsonElement json) => JobJson.Job(json, _api.Capabilities.StatusAliases.Count == 0 ? null : _api.Capabilities.MapStatus);

    public async IAsyncEnumerable<FineTuningEventInfo> ListEventsAsync(string jobId, string? afterEventId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var collected = new List<FineTuningEventInfo>();
        string? cursor = null;
        var done = false;
        while (!done)
        {
            var path = $"fine_tuning/jobs/{Escape(jobId)}/events?limit={ListPageSize}" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));
            var page = await _api.SendAsync(new ApiRequest("jobs.events", "GET", path), r => ReadPage(r.Json, JobJson.Event), null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (afterEventId is not null && item.Id == afterEventId)
                {
                    done = true;
                    break;
                }

                collected.Add(item);
            }

            if (!page.HasMore || page.Items.Count == 0)
            {
                break;
            }

            cursor = page.Items[^1].Id;
        }

        // The service pages newest first; give the caller oldest first (stable for equal timestamps).
        collected.Reverse();
        foreach (var item in collected.OrderBy(e => e.CreatedAt))
        {
            yield return item;
        }
    }

    public async IAsyncEnumerable<FineTuningCheckpointInfo> ListCheckpointsAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        string? cursor = null;
        while (true)
        {
            var path = $"fine_tuning/jobs/{Escape(jobId)}/checkpoints?limit={ListPageSize}" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));
            var page = await _api.SendAsync(new ApiRequest("jobs.checkpoints", "GET", path), r => ReadPage(r.Json, JobJson.Checkpoint), null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasMore || page.Items.Count == 0)
            {
                yield break;
            }

            cursor = page.LastId ?? page.Items[^1].Id;
        }
    }

    public Task<FineTuningFileInfo> UploadFileAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return MultipartContent.UploadAsync(
            _api, "files", content, fileName, [new("purpose", purpose)], r => JobJson.File(r.Json),
            (length, ct) => LookUpAsync("files.upload", fileName, length, purpose, null, ct),
            cancellationToken);
    }

    /// <summary>
    /// Finds a stored file by name, size and purpose (after an ambiguous upload failure), optionally only one created at
    /// or after <paramref name="createdAfter"/>.
    /// </summary>
    internal async Task<FineTuningFileInfo?> FindFileAsync(string fileName, long bytes, string purpose, DateTimeOffset? createdAfter, CancellationToken cancellationToken)
    {
        await foreach (var file in ListFilesAsync(purpose, cancellationToken).ConfigureAwait(false))
        {
            if (file.FileName == fileName && file.Bytes == bytes && !file.IsError
                && (file.Purpose is null || file.Purpose == purpose)
                && (createdAfter is not { } after || file.CreatedAt >= after))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>
    /// The recover-before-retry lookup of an upload: the file the failed attempt may have stored. When the lookup itself
    /// fails, the error names the file (name, size, purpose) so it is checked before being uploaded a second time.
    /// </summary>
    private async Task<FineTuningFileInfo?> LookUpAsync(string operation, string fileName, long bytes, string purpose, DateTimeOffset? createdAfter, CancellationToken cancellationToken)
    {
        FineTuningFileInfo? found;
        try
        {
            found = await FindFileAsync(fileName, bytes, purpose, createdAfter, cancellationToken).ConfigureAwait(false);
        }
        catch (FineTuningApiException ex)
        {
            throw new FineTuningApiException(
                $"The file '{fileName}' ({bytes} bytes, purpose {purpose}) may have been stored by that attempt; check the service's file list before uploading it again. The lookup failed: {ex.Message}",
                ex)
            {
                StatusCode = ex.StatusCode,
                ErrorCode = ex.ErrorCode,
                RequestId = ex.RequestId,
                Operation = ex.Operation,
            };
        }

        if (found is not null)
        {
            _api.Logger.Recovered(operation, found.Id);
        }

        return found;
    }

    public async Task<string> CreateUploadAsync(string fileName, long bytes, string purpose, string mimeType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["filename"] = fileName, ["purpose"] = purpose, ["bytes"] = bytes, ["mime_type"] = mimeType }.ToJsonString());
        var started = _api.Time.GetUtcNow();
        var upload = await _api.SendAsync(
            new ApiRequest("uploads.create", "POST", UploadsPath(string.Empty)) { Content = () => BinaryContent.Create(BinaryData.FromBytes(body)) },
            r => new StartedUpload(
                JsonRead.String(r.Json, "id") ?? throw new JsonException("The upload object has no id."),
                fileName,
                bytes,
                purpose,
                JsonRead.Time(r.Json, "created_at") ?? started),
            null,
            cancellationToken).ConfigureAwait(false);
        _uploads[upload.Id] = upload;
        return upload.Id;
    }

    public async Task<string> AddUploadPartAsync(string uploadId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadId);
        if (data.Length > DatasetUploadOptions.MaxPartSize)
        {
            throw new ArgumentException($"A part holds at most {DatasetUploadOptions.MaxPartSize} bytes.", nameof(data));
        }

        var boundary = MultipartContent.NewBoundary();
        var id = await _api.SendAsync(
            new ApiRequest("uploads.part", "POST", UploadsPath($"/{Escape(uploadId)}/parts"))
            {
                Content = () => new MultipartContent(boundary, [], "data", "part", AsStream(data)),
                ContentType = MultipartContent.ContentTypeFor(boundary),
            },
            r => JsonRead.String(r.Json, "id") ?? throw new JsonException("The upload part has no id."),
            null,
            cancellationToken).ConfigureAwait(false);
        JobsTelemetry.BytesUploaded.Add(data.Length);
        return id;
    }

    public async Task<FineTuningFileInfo> CompleteUploadAsync(string uploadId, IReadOnlyList<string> partIds, string? md5, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadId);
        ArgumentNullException.ThrowIfNull(partIds);
        var body = new JsonObject { ["part_ids"] = new JsonArray([.. partIds.Select(p => (JsonNode?)JsonValue.Create(p))]) };
        if (md5 is not null)
        {
            body["md5"] = md5;
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        _uploads.TryGetValue(uploadId, out var started);
        FineTuningFileInfo file;
        try
        {
            file = await CompleteOnceAsync(uploadId, bytes, started, cancellationToken).ConfigureAwait(false);
        }
        catch (FineTuningApiException ex) when (started is not null && ex.StatusCode == 400 && ex.ErrorCode == "invalid_state")
        {
            // An earlier attempt whose answer was lost may have completed the upload: the file is then in the file list.
            var found = await LookUpAsync("uploads.complete", started.FileName, started.Bytes, started.Purpose, started.CreatedAt, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                throw;
            }

            file = found;
        }

        _uploads.TryRemove(uploadId, out _);
        return file;
    }

    private Task<FineTuningFileInfo> CompleteOnceAsync(string uploadId, byte[] bytes, StartedUpload? started, CancellationToken cancellationToken) =>
        _api.SendAsync(
            new ApiRequest("uploads.complete", "POST", UploadsPath($"/{Escape(uploadId)}/complete")) { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
            r =>
            {
                var file = JsonRead.Object(r.Json, "file");
                if (file.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException($"The completed upload {uploadId} has no file (status {JsonRead.String(r.Json, "status")}).");
                }

                return JobJson.File(file);
            },
            // A lost or truncated answer may hide a completed upload, and completing again fails (400 invalid_state).
            // Neither OpenAI nor Azure can retrieve an upload, so look for its file: same name, size and purpose,
            // created after the upload started. Without those (an upload started elsewhere) the call is retried as is.
            started is null ? null : ct => LookUpAsync("uploads.complete", started.FileName, started.Bytes, started.Purpose, started.CreatedAt, ct),
            cancellationToken);

    public async Task CancelUploadAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadId);
        _uploads.TryRemove(uploadId, out _);
        _ = await _api.SendAsync(new ApiRequest("uploads.cancel", "POST", UploadsPath($"/{Escape(uploadId)}/cancel")) { Content = () => BinaryContent.Create(BinaryData.FromString("{}")) }, r => string.Empty, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<FineTuningFileInfo?> GetFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return _api.SendOrNotFoundAsync(new ApiRequest("files.get", "GET", "files/" + Escape(fileId)), r => JobJson.File(r.Json), cancellationToken);
    }

    public async IAsyncEnumerable<FineTuningFileInfo> ListFilesAsync(string? purpose = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var query = new List<string>();
            if (purpose is not null)
            {
                query.Add("purpose=" + Uri.EscapeDataString(purpose));
            }

            if (cursor is not null)
            {
                query.Add("after=" + Uri.EscapeDataString(cursor));
            }

            var path = "files" + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query));
            var page = await _api.SendAsync(new ApiRequest("files.list", "GET", path), r => ReadPage(r.Json, JobJson.File), null, cancellationToken).ConfigureAwait(false);
            var fresh = 0;
            foreach (var file in page.Items)
            {
                if (seen.Add(file.Id))
                {
                    fresh++;
                    yield return file;
                }
            }

            if (!page.HasMore || fresh == 0)
            {
                yield break;
            }

            cursor = page.LastId ?? page.Items[^1].Id;
        }
    }

    public async Task<long> DownloadFileAsync(string fileId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await _api.SendAsync(
            new ApiRequest("files.content", "GET", $"files/{Escape(fileId)}/content") { StreamResponse = true },
            r => r,
            null,
            cancellationToken).ConfigureAwait(false);
        var source = response.ContentStream;
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }

            return total;
        }
    }

    public async Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var result = await _api.SendOrNotFoundAsync(new ApiRequest("files.delete", "DELETE", "files/" + Escape(fileId)), r => string.Empty, cancellationToken).ConfigureAwait(false);
        return result is not null;
    }

    public async IAsyncEnumerable<FineTuningModelInfo> ListModelsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // GET /models is one page (no cursor) on OpenAI and Azure v1.
        var page = await _api.SendAsync(new ApiRequest("models.list", "GET", "models"), r => ReadPage(r.Json, JobJson.Model), null, cancellationToken).ConfigureAwait(false);
        foreach (var model in page.Items)
        {
            yield return model;
        }
    }

    public async Task<bool> DeleteModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var result = await _api.SendOrNotFoundAsync(new ApiRequest("models.delete", "DELETE", "models/" + Escape(modelId)), r => string.Empty, cancellationToken).ConfigureAwait(false);
        return result is not null;
    }

    private Task<FineTuningJobInfo> JobActionAsync(string jobId, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return _api.SendAsync(
            new ApiRequest("jobs." + action, "POST", $"fine_tuning/jobs/{Escape(jobId)}/{action}"),
            r => Job(r.Json),
            null,
            cancellationToken);
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static MemoryStream AsStream(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    private static Page<T> ReadPage<T>(JsonElement json, Func<JsonElement, T> map)
    {
        var items = new List<T>();
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                items.Add(map(item));
            }
        }
        else if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in json.EnumerateArray())
            {
                items.Add(map(item));
            }
        }

        var hasMore = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;
        return new Page<T>(items, hasMore, JsonRead.String(json, "last_id"));
    }

    /// <summary>What an upload was started with: enough to find its file after a lost completion.</summary>
    private sealed record StartedUpload(string Id, string FileName, long Bytes, string Purpose, DateTimeOffset CreatedAt);

    private sealed record Page<T>(List<T> Items, bool HasMore, string? LastId);
}
