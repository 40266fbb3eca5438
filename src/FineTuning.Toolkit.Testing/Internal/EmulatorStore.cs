using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>All emulated state. Every public method takes the one lock, so concurrent clients see consistent state.</summary>
internal sealed partial class EmulatorStore : IDisposable
{
    private static readonly HashSet<string> UploadPurposes = [.. FineTuningLimits.UploadPurposes];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _draws = new(StringComparer.Ordinal);
    private long _sequence;
    private readonly FileContentStore _content = new();

    public EmulatorStore(StoreSettings options, VirtualClock clock, IdGenerator ids)
    {
        Options = options;
        Clock = clock;
        Ids = ids;
        foreach (var model in EmulatorModels.BaseModels)
        {
            var owner = model.StartsWith("text-embedding", StringComparison.Ordinal) || model.Contains("002", StringComparison.Ordinal) ? "system" : "openai";
            _models[model] = new StoredModel { Id = model, Created = 1_700_000_000, OwnedBy = owner, BaseModel = EmulatorModels.Resolve(model) };
        }
    }

    public StoreSettings Options { get; }

    public VirtualClock Clock { get; }

    public IdGenerator Ids { get; }

    public bool ReportEstimatedFinish => Options.ReportEstimatedFinish;

    private long NextSequence() => ++_sequence;

    /// <summary>Gets where file and upload-part bytes are kept (on disk, not in memory).</summary>
    internal FileContentStore Content => _content;

    /// <summary>Deletes the content folder.</summary>
    public void Dispose() => _content.Dispose();

    // --- files -------------------------------------------------------------------------------------------

    public JsonObject AddFile(string filename, string purpose, byte[] content, long? expiresAfterSeconds)
    {
        CheckNewFile(filename, purpose, content.LongLength);
        var path = _content.Write("file-", content);
        return AddStoredContent(filename, purpose, path, content.LongLength, expiresAfterSeconds);
    }

    /// <summary>Adds a file whose bytes are already in the content folder (<paramref name="path"/>); the store takes it over.</summary>
    public JsonObject AddStoredContent(string filename, string purpose, string path, long length, long? expiresAfterSeconds)
    {
        try
        {
            CheckNewFile(filename, purpose, length);
            lock (_gate)
            {
                return StoreContentLocked(filename, purpose, path, length, expiresAfterSeconds ?? (purpose == "batch" ? FineTuningLimits.MaxExpiresAfterSeconds : null)).ToJson();
            }
        }
        catch
        {
            _content.Delete(path);
            throw;
        }
    }

    private static void CheckNewFile(string filename, string purpose, long length)
    {
        if (!UploadPurposes.Contains(purpose))
        {
            throw ApiError.BadRequest($"'{purpose}' is not one of [{string.Join(", ", FineTuningLimits.UploadPurposes.Select(p => $"'{p}'"))}] - 'purpose'", "purpose");
        }

        RequireJsonlName(filename, purpose, "file");

        if (length > FineTuningLimits.MaxFileBytes)
        {
            throw ApiError.BadRequest($"File is too large: the maximum is {FineTuningLimits.MaxFileBytes / (1024 * 1024)} MB.", "file");
        }
    }

    /// <summary>The platform's rule for fine-tune and batch files (their names end in <c>.jsonl</c>), for files and uploads alike.</summary>
    internal static void RequireJsonlName(string filename, string purpose, string param)
    {
        if (purpose is FineTuningLimits.FineTunePurpose or "batch" && !filename.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.BadRequest($"Invalid file format for {(purpose == "batch" ? "Batch API" : "Fine-Tuning API")}. Must be .jsonl", param);
        }
    }

    /// <summary>Reads an optional <c>expires_after</c> (anchor <c>created_at</c>, seconds in the platform's range).</summary>
    internal static long? ReadExpiresAfter(string? anchor, string? seconds)
    {
        if (anchor is null && seconds is null)
        {
            return null;
        }

        if (anchor != FineTuningLimits.ExpiresAfterAnchor)
        {
            throw ApiError.BadRequest($"Invalid value for 'expires_after.anchor': expected '{FineTuningLimits.ExpiresAfterAnchor}', got '{anchor}'.", "expires_after.anchor", "invalid_value");
        }

        if (!long.TryParse(seconds, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s)
            || s < FineTuningLimits.MinExpiresAfterSeconds || s > FineTuningLimits.MaxExpiresAfterSeconds)
        {
            throw ApiError.BadRequest($"expires_after.seconds must be between {FineTuningLimits.MinExpiresAfterSeconds} and {FineTuningLimits.MaxExpiresAfterSeconds}.", "expires_after.seconds", "invalid_value");
        }

        return s;
    }

    private StoredFile StoreFileLocked(string filename, string purpose, byte[] content, long? expiresAfterSeconds) =>
        StoreContentLocked(filename, purpose, _content.Write("file-", content), content.LongLength, expiresAfterSeconds);

    private StoredFile StoreContentLocked(string filename, string purpose, string path, long length, long? expiresAfterSeconds)
    {
        var now = Clock.UnixNow;
        var file = new StoredFile
        {
            Id = Ids.Next("file-", 22),
            Filename = filename,
            Purpose = purpose,
            ContentPath = path,
            Bytes = length,
            CreatedAt = now,
            ExpiresAt = expiresAfterSeconds is { } s ? now + s : null,
            Sequence = NextSequence(),
        };
        _files[file.Id] = file;
        return file;
    }

    public JsonObject ListFiles(string? purpose, int limit, bool ascending, string? after)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var query = _files.Values.Where(f => purpose is null || f.Purpose == purpose);
            var ordered = ascending ? query.OrderBy(f => f.Sequence) : query.OrderByDescending(f => f.Sequence);
            return Page(ordered.ToList(), f => f.Id, f => f.ToJson(), after, limit, withFirstLast: true);
        }
    }

    public JsonObject GetFile(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return FindFile(id).ToJson();
        }
    }

    public (Stream Content, long Length, string Filename) OpenFileContent(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var file = FindFile(id);
            return (file.OpenRead(), file.Bytes, file.Filename);
        }
    }

    public JsonObject DeleteFile(string id)
    {
        lock (_gate)
        {
            var file = FindFile(id);
            _files.Remove(id);
            _content.Delete(file.ContentPath);
            return new JsonObject { ["id"] = id, ["object"] = "file", ["deleted"] = true };
        }
    }

    private StoredFile FindFile(string id) =>
        _files.TryGetValue(id, out var file) ? file : throw ApiError.NotFound($"No such File object: {id}", "id");

    // --- models ------------------------------------------------------------------------------------------

    public JsonObject ListModels()
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var data = new JsonArray([.. _models.Values.OrderBy(m => m.IsFineTuned).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => (JsonNode)m.ToJson())]);
            return new JsonObject { ["object"] = "list", ["data"] = data };
        }
    }

    public JsonObject GetModel(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return FindModelLocked(id)?.ToJson() ?? throw ModelNotFound(id);
        }
    }

    public JsonObject DeleteModel(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var model = FindModelLocked(id) ?? throw ModelNotFound(id);
            if (!model.IsFineTuned)
            {
                throw new ApiError(403, $"You have insufficient permissions for this operation. Only fine-tuned models can be deleted: {id}", "invalid_request_error");
            }

            _models.Remove(id);
            return new JsonObject { ["id"] = id, ["object"] = "model", ["deleted"] = true };
        }
    }

    internal StoredModel? FindModelLocked(string id)
    {
        if (_models.TryGetValue(id, out var model))
        {
            return model;
        }

        return EmulatorModels.Find(id) is { } entry && _models.TryGetValue(entry.Id, out model) ? model : null;
    }

    /// <summary>The model a chat request names: base, fine-tuned or checkpoint (embedding models are refused).</summary>
    public StoredModel LookupChatModel(string id)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            var model = FindModelLocked(id) ?? throw ModelNotFound(id);
            if (EmulatorModels.Embeddings.ContainsKey(model.Id))
            {
                throw ApiError.BadRequest($"The model `{id}` is an embedding model and does not support chat completions.", "model", "model_not_supported");
            }

            return model;
        }
    }

    /// <summary>Reserves <paramref name="count"/> sampling draws for a model and prompt; returns the first one's index.</summary>
    public long NextDraws(string model, string promptKey, int count)
    {
        lock (_gate)
        {
            var key = model + "\n" + promptKey;
            var first = _draws.GetValueOrDefault(key);
            _draws[key] = first + count;
            return first;
        }
    }

    internal static ApiError ModelNotFound(string id) =>
        new(404, $"The model `{id}` does not exist or you do not have access to it.", code: "model_not_found");

    // --- snapshots ---------------------------------------------------------------------------------------

    /// <summary>Every stored file, oldest first, mapped by <paramref name="map"/> under the lock.</summary>
    public IReadOnlyList<T> SnapshotFiles<T>(Func<StoredFile, T> map)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return [.. _files.Values.OrderBy(f => f.Sequence).Select(map)];
        }
    }

    /// <summary>Every job, oldest first and brought up to the current emulated time, mapped by <paramref name="map"/> under the lock.</summary>
    public IReadOnlyList<T> SnapshotJobs<T>(Func<StoredJob, T> map)
    {
        lock (_gate)
        {
            AdvanceAllLocked();
            return [.. _jobs.Values.OrderBy(j => j.Sequence).Select(map)];
        }
    }

    // --- paging ------------------------------------------------------------------------------------------

    internal static JsonObject Page<T>(IReadOnlyList<T> ordered, Func<T, string> id, Func<T, JsonObject> json, string? after, int limit, bool withFirstLast)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(after))
        {
            var index = -1;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (id(ordered[i]) == after)
                {
                    index = i;
                    break;
                }
            }

            start = index + 1;
            if (index < 0)
            {
                start = ordered.Count;
            }
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        var result = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page.Select(p => (JsonNode)json(p))]),
        };
        if (withFirstLast)
        {
            result["first_id"] = page.Count > 0 ? id(page[0]) : null;
            result["last_id"] = page.Count > 0 ? id(page[^1]) : null;
        }

        result["has_more"] = start + page.Count < ordered.Count;
        return result;
    }
}
