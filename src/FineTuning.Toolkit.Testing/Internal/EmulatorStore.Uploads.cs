using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorStore
{
    private const long MaxUploadBytes = FineTuningLimits.MaxUploadBytes;
    internal const long MaxPartBytes = FineTuningLimits.MaxUploadPartBytes;
    private readonly Dictionary<string, StoredUpload> _uploads = new(StringComparer.Ordinal);

    public JsonObject CreateUpload(JsonObject body)
    {
        var filename = RequireString(body, "filename");
        var purpose = RequireString(body, "purpose");
        var mime = RequireString(body, "mime_type");
        if (body["bytes"] is not JsonValue bytesNode || !long.TryParse(bytesNode.ToJsonString(), out var bytes))
        {
            throw ApiError.BadRequest("Missing required parameter: 'bytes'.", "bytes", "missing_required_parameter");
        }

        if (bytes is < 0 or > MaxUploadBytes)
        {
            throw ApiError.BadRequest($"'bytes' must be between 0 and {MaxUploadBytes}.", "bytes", "invalid_value");
        }

        if (!FineTuningLimits.UploadsApiPurposes.Contains(purpose))
        {
            throw ApiError.BadRequest($"'{purpose}' is not one of [{string.Join(", ", FineTuningLimits.UploadsApiPurposes.Select(p => $"'{p}'"))}] - 'purpose'", "purpose", "invalid_value");
        }

        RequireJsonlName(filename, purpose, "filename");
        long? expiresAfter = null;
        if (body["expires_after"] is { } expiresNode)
        {
            if (expiresNode is not JsonObject expiresObject)
            {
                throw ApiError.BadRequest("Invalid type for 'expires_after': expected an object.", "expires_after", "invalid_type");
            }

            expiresAfter = ReadExpiresAfter(JsonText.Str(expiresObject["anchor"]) ?? string.Empty, expiresObject["seconds"]?.ToJsonString());
        }

        if (purpose is FineTuningLimits.FineTunePurpose or "batch" && mime is not ("text/jsonl" or "application/jsonl" or "application/x-ndjson" or "application/json"))
        {
            throw ApiError.BadRequest($"Invalid mime_type '{mime}' for purpose '{purpose}': expected text/jsonl.", "mime_type", "invalid_value");
        }

        lock (_gate)
        {
            var now = Clock.UnixNow;
            var upload = new StoredUpload
            {
                Id = Ids.Next("upload_"),
                Filename = filename,
                Purpose = purpose,
                Bytes = bytes,
                MimeType = mime,
                CreatedAt = now,
                ExpiresAt = now + FineTuningLimits.UploadLifetimeSeconds,
                PartsDeadline = Clock.ProviderNow + TimeSpan.FromSeconds(FineTuningLimits.UploadLifetimeSeconds),
                FileExpiresAfter = expiresAfter,
            };
            _uploads[upload.Id] = upload;
            return upload.ToJson(null);
        }
    }

    public JsonObject AddUploadPart(string id, byte[] data)
    {
        if (data.LongLength > MaxPartBytes)
        {
            throw PartTooLarge(data.LongLength);
        }

        return AddUploadPart(id, _content.Write("part-", data), data.LongLength);
    }

    /// <summary>Adds a part whose bytes are already in the content folder (<paramref name="path"/>); the store takes it over.</summary>
    public JsonObject AddUploadPart(string id, string path, long length)
    {
        lock (_gate)
        {
            try
            {
                var upload = FindPendingUpload(id);
                var part = new StoredUploadPart { Id = Ids.Next("part_"), CreatedAt = Clock.UnixNow, Path = path, Length = length };
                upload.Parts[part.Id] = part;
                return new JsonObject { ["id"] = part.Id, ["object"] = "upload.part", ["created_at"] = part.CreatedAt, ["upload_id"] = id };
            }
            catch
            {
                _content.Delete(path);
                throw;
            }
        }
    }

    /// <summary>The error for a part over the platform's 64 MB.</summary>
    public static Exception PartTooLarge(long bytes) =>
        ApiError.BadRequest($"Upload parts can be at most {MaxPartBytes / (1024 * 1024)} MB; this part has {bytes} bytes.", "data", "invalid_value");

    public JsonObject CompleteUpload(string id, JsonObject body)
    {
        if (body["part_ids"] is not JsonArray partIds)
        {
            throw ApiError.BadRequest("Missing required parameter: 'part_ids'.", "part_ids", "missing_required_parameter");
        }

        var md5 = OptionalString(body, "md5");
        lock (_gate)
        {
            var upload = FindPendingUpload(id);
            var parts = new List<StoredUploadPart>();
            foreach (var node in partIds)
            {
                var partId = JsonText.Str(node);
                if (partId is null || !upload.Parts.TryGetValue(partId, out var part))
                {
                    throw ApiError.BadRequest($"Part {partId} does not belong to upload {id}.", "part_ids", "invalid_value");
                }

                parts.Add(part);
            }

            var total = parts.Sum(p => p.Length);
            if (total != upload.Bytes)
            {
                throw ApiError.BadRequest($"The parts total {total} bytes, but the upload was created with bytes={upload.Bytes}.", "part_ids", "invalid_value");
            }

            var (path, actualMd5) = _content.Concatenate("file-", parts.Select(p => p.Path));
            if (md5 is not null && !string.Equals(actualMd5, md5, StringComparison.OrdinalIgnoreCase))
            {
                _content.Delete(path);
                throw ApiError.BadRequest("The md5 checksum does not match the uploaded bytes.", "md5", "invalid_value");
            }

            var file = StoreContentLocked(upload.Filename, upload.Purpose, path, total, upload.FileExpiresAfter ?? (upload.Purpose == "batch" ? FineTuningLimits.MaxExpiresAfterSeconds : null));
            upload.Status = "completed";
            upload.FileId = file.Id;
            ClearPartsLocked(upload);
            return upload.ToJson(file.ToJson());
        }
    }

    public JsonObject CancelUpload(string id)
    {
        lock (_gate)
        {
            var upload = FindPendingUpload(id);
            upload.Status = "cancelled";
            ClearPartsLocked(upload);
            return upload.ToJson(null);
        }
    }

    private StoredUpload FindPendingUpload(string id)
    {
        if (!_uploads.TryGetValue(id, out var upload))
        {
            throw ApiError.NotFound($"No such Upload object: {id}", "upload_id");
        }

        if (upload.Status == "pending" && Clock.ProviderNow >= upload.PartsDeadline)
        {
            upload.Status = "expired";
            ClearPartsLocked(upload);
        }

        return upload.Status == "pending"
            ? upload
            : throw ApiError.BadRequest($"Upload {id} is {upload.Status}; parts can only be added to, and completed on, a pending upload.", "upload_id", "invalid_state");
    }

    private void ClearPartsLocked(StoredUpload upload)
    {
        foreach (var part in upload.Parts.Values)
        {
            _content.Delete(part.Path);
        }

        upload.Parts.Clear();
    }
}
