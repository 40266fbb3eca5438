using System.ClientModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The Azure-only operations: file import (classic surface) and checkpoint copy (v1, preview header).</summary>
internal sealed partial class OpenAIFineTuningClient
{
    /// <summary>The classic-surface api-version of the import route (the newest authoring spec with it).</summary>
    internal const string ImportApiVersion = "2025-04-01-preview";

    /// <summary>The preview header checkpoint copies need.</summary>
    internal const string CopyCheckpointsHeader = "aoai-copy-ft-checkpoints";

    private static readonly Dictionary<string, string> s_copyHeaders = new(StringComparer.Ordinal) { [CopyCheckpointsHeader] = "preview" };

    public async Task<FineTuningFileInfo> ImportFileAsync(FileImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireAzure("File import from a URL");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FileName);
        if (!request.ContentUrl.IsAbsoluteUri || (request.ContentUrl.Scheme != Uri.UriSchemeHttps && request.ContentUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The import URL must be an absolute http(s) URL (e.g. a blob SAS URL), not '{request}'.", nameof(request));
        }

        var body = new JsonObject { ["purpose"] = request.Purpose, ["filename"] = request.FileName, ["content_url"] = request.ContentUrl.AbsoluteUri };
        if (request.ExpiresAfter is { } expires)
        {
            body["expires_after"] = new JsonObject { ["anchor"] = FineTuningLimits.ExpiresAfterAnchor, ["seconds"] = (long)expires.TotalSeconds };
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        // The v1 surface has no import; the classic route sits beside it: {endpoint}/openai/files/import?api-version=…
        return await _api.SendAsync(
            new ApiRequest("files.import", "POST", "../files/import?api-version=" + ImportApiVersion) { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
            r => JobJson.File(r.Json),
            null,
            cancellationToken).ConfigureAwait(false);
    }

    public Task<CheckpointCopyInfo> CopyCheckpointAsync(string jobId, string checkpointId, string destinationResourceId, string region, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointId);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationResourceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        RequireAzure("Copying a checkpoint to another resource");
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["destinationResourceId"] = destinationResourceId, ["region"] = region }.ToJsonString());
        return _api.SendAsync(
            new ApiRequest("checkpoints.copy", "POST", CopyPath(jobId, checkpointId)) { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)), Headers = s_copyHeaders },
            r => CopyInfo(r.Json, jobId, checkpointId),
            null,
            cancellationToken);
    }

    public Task<CheckpointCopyInfo?> GetCheckpointCopyAsync(string jobId, string checkpointId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointId);
        RequireAzure("Copying a checkpoint to another resource");
        return _api.SendOrNotFoundAsync(
            new ApiRequest("checkpoints.copy.get", "GET", CopyPath(jobId, checkpointId)) { Headers = s_copyHeaders },
            r => CopyInfo(r.Json, jobId, checkpointId),
            cancellationToken);
    }

    /// <summary>
    /// The Uploads API's path: on Azure the classic surface (<c>{endpoint}/openai/uploads?api-version=…</c>), because v1
    /// has no Uploads API (Microsoft's fine-tuning samples report 404 on project v1 endpoints and use the classic route).
    /// </summary>
    private string UploadsPath(string rest) => Provider == FineTuningProvider.Azure
        ? "../uploads" + rest + "?api-version=" + ImportApiVersion
        : "uploads" + rest;

    private static string CopyPath(string jobId, string checkpointId) => $"fine_tuning/jobs/{Escape(jobId)}/checkpoints/{Escape(checkpointId)}/copy";

    private void RequireAzure(string what)
    {
        if (Provider != FineTuningProvider.Azure)
        {
            throw new NotSupportedException($"{what} is an Azure OpenAI / Foundry operation; the configured provider is {Provider}.");
        }
    }

    /// <summary>Reads a copy status: top-level fields, or the first entry of a nested array that carries a status (shape unverified).</summary>
    private static CheckpointCopyInfo CopyInfo(JsonElement json, string jobId, string checkpointId)
    {
        var detail = json;
        if (JsonRead.String(json, "status") is null && json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().FirstOrDefault(e => JsonRead.String(e, "status") is not null) is { ValueKind: JsonValueKind.Object } nested)
                {
                    detail = nested;
                    break;
                }
            }
        }

        return new CheckpointCopyInfo
        {
            JobId = JsonRead.String(json, "fineTuningJobId") ?? jobId,
            CheckpointId = JsonRead.String(json, "checkpointId") ?? checkpointId,
            Status = JsonRead.String(detail, "status")?.ToLower(CultureInfo.InvariantCulture),
            DestinationResourceId = JsonRead.String(detail, "destinationResourceId"),
            Region = JsonRead.String(detail, "region"),
            RawRepresentation = json.Clone(),
        };
    }
}
