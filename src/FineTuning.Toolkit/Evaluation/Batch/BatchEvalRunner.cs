// OpenAIContext and ChatCompletion.AsChatResponse are marked experimental (OPENAI001); the diagnostic stays inside this runner.
#pragma warning disable OPENAI001
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using FineTuning.Toolkit.Evaluation.Cache;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Evaluation.Batch;

/// <summary>
/// Runs an evaluation through the Batch API (half the price, results within the completion window): writes one
/// <c>/v1/chat/completions</c> request per (target, item, sample) with <c>custom_id</c> = <c>target/item/sample</c>,
/// uploads it with purpose <c>batch</c>, creates the batch, polls with back-off, downloads the output and error
/// files and maps every line back by <c>custom_id</c>.
/// </summary>
/// <remarks>
/// <para>Shares the online runner's results file (resume skips completed triples), response cache, scoring and cost
/// accounting (at the batch price). Every request that has no output line is reported per item with the reason from
/// the error file, or the batch's final status.</para>
/// <para>Each request line's <c>body</c> is the exact JSON the OpenAI chat client sends online for the target's
/// options (the same mapping, captured), so batch and online runs ask the same question and share cache entries.</para>
/// <para>The targets' <see cref="EvalTarget.Client"/> is not used: files and batches go through the connection
/// (its authentication, request ids, secret redaction, telemetry and the one retry policy, <c>FineTuning:Retry</c>),
/// one batch per target (a batch input file may address one model only), split at 50,000 requests.
/// Pending batch ids are saved next to the results file (<c>results.jsonl.batches.json</c>), so an interrupted run
/// resumes polling instead of paying twice.</para>
/// </remarks>
public sealed class BatchEvalRunner
{
    /// <summary>The most requests one batch input file may hold (<see cref="FineTuningLimits.MaxBatchRequests"/>).</summary>
    public const int MaxRequestsPerBatch = FineTuningLimits.MaxBatchRequests;

    // A margin under the platform's file limit, for the line separators and the JSON envelope.
    private const long MaxBytesPerBatch = FineTuningLimits.MaxBatchFileBytes - (10L * 1024 * 1024);
    private readonly ApiConnection _api;
    private readonly OpenAIFineTuningClient _files;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="BatchEvalRunner"/> class.</summary>
    /// <param name="connection">The toolkit's connection (from DI after <c>AddFineTuning</c>) whose files and batches endpoints are used.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="timeProvider">The clock for polling; the connection's clock when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connection"/> is not the toolkit's own connection implementation.</exception>
    public BatchEvalRunner(IFineTuningConnection connection, ILogger<BatchEvalRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not ProviderConnection provider)
        {
            throw new ArgumentException("The batch runner needs the toolkit's connection (resolve IFineTuningConnection from the services AddFineTuning registers).", nameof(connection));
        }

        _api = provider.Api;
        _files = new OpenAIFineTuningClient(provider.Api, defaultAzureTrainingType: null);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? provider.Api.Time;
    }

    /// <summary>Gets or sets the first polling interval; it doubles up to <see cref="MaxPollInterval"/>.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest polling interval.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the completion window sent with the batch.</summary>
    /// <value>The default value is <c>24h</c>.</value>
    public string CompletionWindow { get; init; } = "24h";

    /// <summary>Runs <paramref name="items"/> against <paramref name="targets"/> through the Batch API and scores every output.</summary>
    /// <param name="items">The evaluation set (read once; the items are kept in memory until their batch returns).</param>
    /// <param name="targets">The models to evaluate; names must be unique.</param>
    /// <param name="scorers">The scorers applied to every output.</param>
    /// <param name="options">Samples, cache, results file and prices (concurrency and rate limits do not apply).</param>
    /// <param name="progress">Receives a report per result; may be null.</param>
    /// <param name="cancellationToken">Stops waiting (the batches keep running; rerun to collect them).</param>
    /// <returns>The run's summary.</returns>
    public async Task<EvalRunSummary> RunAsync(
        IAsyncEnumerable<EvalItem> items,
        IReadOnlyList<EvalTarget> targets,
        IReadOnlyList<IEvalScorer> scorers,
        EvalRunOptions? options = null,
        IProgress<EvalRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options = EvalRunSession.ValidateArguments(items, targets, scorers, options);

        var started = _time.GetTimestamp();
        await using var session = new EvalRunSession(_logger, _time, targets, scorers, options, progress);
        await session.LoadPreviousAsync(cancellationToken).ConfigureAwait(false);
        var workDirectory = Path.Combine(Path.GetTempPath(), "ftk-batch-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(workDirectory);
        var statePath = options.ResultsPath is { } rp ? rp + ".batches.json" : null;
        var state = await BatchState.LoadAsync(statePath, cancellationToken).ConfigureAwait(false);
        try
        {
            // Pass over the set: resumed triples, cache hits, and request lines per target.
            var byId = new Dictionary<string, EvalItem>(StringComparer.Ordinal);
            var cacheKeys = new Dictionary<string, string>(StringComparer.Ordinal);
            var writers = targets.ToDictionary(t => t.Name, t => new RequestFileSet(workDirectory, t), StringComparer.Ordinal);
            var pending = 0;
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                session.CountItem();
                foreach (var target in targets)
                {
                    var chatOptions = target.CreateChatOptions();
                    for (var sample = 0; sample < options.Samples; sample++)
                    {
                        if (session.TryGetCompleted(item.Id, target.Name, sample, out var earlier))
                        {
                            session.RecordResumed(earlier);
                            continue;
                        }
                        var body = await ChatRequestCapture.CaptureAsync(target.ModelId, item.Input, chatOptions, cancellationToken).ConfigureAwait(false);
                        var customId = CustomId(target.Name, item.Id, sample);
                        if (session.Cache is { } cache)
                        {
                            var key = EvalResponseCache.ComputeKey(target.Name, body, sample);
                            if (!options.Fresh && await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
                            {
                                await session.CompleteAsync(hit.ToResult(item.Id, target.Name, sample), item, 0m, cancellationToken).ConfigureAwait(false);
                                continue;
                            }
                            cacheKeys[customId] = key;
                        }
                        byId.TryAdd(item.Id, item);
                        await writers[target.Name].WriteAsync(customId, body, cancellationToken).ConfigureAwait(false);
                        pending++;
                    }
                }
            }
            session.SetTotal(pending);
            foreach (var w in writers.Values) await w.CloseAsync().ConfigureAwait(false);

            foreach (var target in targets)
            {
                var files = writers[target.Name];
                for (var part = 0; part < files.Files.Count; part++)
                {
                    var (path, customIds) = files.Files[part];
                    var stateKey = $"{target.Name}#{part.ToString(CultureInfo.InvariantCulture)}";
                    var batchId = state.Get(stateKey);
                    if (batchId is null)
                    {
                        batchId = await SubmitAsync(path, target, customIds.Count, cancellationToken).ConfigureAwait(false);
                        state.Set(stateKey, batchId);
                        await state.SaveAsync(statePath, cancellationToken).ConfigureAwait(false);
                    }
                    var batch = await WaitAsync(batchId, cancellationToken).ConfigureAwait(false);
                    await CollectAsync(batch, target, customIds, byId, cacheKeys, session, options, cancellationToken).ConfigureAwait(false);
                    state.Remove(stateKey);
                    await state.SaveAsync(statePath, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Temporary request files; the OS cleans the temp folder.
            }
        }
        return session.Summarize(_time.GetElapsedTime(started));
    }

    /// <summary>Runs an in-memory evaluation set through the Batch API; see <see cref="RunAsync(IAsyncEnumerable{EvalItem}, IReadOnlyList{EvalTarget}, IReadOnlyList{IEvalScorer}, EvalRunOptions?, IProgress{EvalRunProgress}?, CancellationToken)"/>.</summary>
    /// <param name="items">The evaluation set.</param>
    /// <param name="targets">The models to evaluate.</param>
    /// <param name="scorers">The scorers.</param>
    /// <param name="options">Samples, cache, results file and prices.</param>
    /// <param name="progress">Progress receiver.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The run's summary.</returns>
    public Task<EvalRunSummary> RunAsync(
        IEnumerable<EvalItem> items,
        IReadOnlyList<EvalTarget> targets,
        IReadOnlyList<IEvalScorer> scorers,
        EvalRunOptions? options = null,
        IProgress<EvalRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return RunAsync(EvalRunner.ToAsync(items), targets, scorers, options, progress, cancellationToken);
    }

    internal static string CustomId(string target, string itemId, int sample) => $"{target}/{itemId}/{sample.ToString(CultureInfo.InvariantCulture)}";

    internal static bool TryParseCustomId(string customId, out string target, out string itemId, out int sample)
    {
        target = itemId = string.Empty;
        sample = 0;
        var first = customId.IndexOf('/', StringComparison.Ordinal);
        var last = customId.LastIndexOf('/');
        if (first <= 0 || last <= first) return false;
        target = customId[..first];
        itemId = customId[(first + 1)..last];
        return int.TryParse(customId.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sample) && itemId.Length > 0;
    }

    /// <summary>One batch input line around a captured request body (<see cref="ChatRequestCapture"/>).</summary>
    /// <param name="customId">The request's custom id.</param>
    /// <param name="body">The exact <c>/v1/chat/completions</c> body the online client sends.</param>
    /// <returns>The JSONL line (without the newline).</returns>
    internal static byte[] BuildLine(string customId, ReadOnlySpan<byte> body)
    {
        if (body.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            throw new InvalidDataException("A captured request body spans several lines; it cannot be a batch input line.");
        }

        using var buffer = new MemoryStream(body.Length + customId.Length + 80);
        buffer.Write("{\"custom_id\":"u8);
        buffer.Write(JsonSerializer.SerializeToUtf8Bytes(customId, ToolkitJson.Info<string>()));
        buffer.Write(",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"u8);
        buffer.Write(body);
        buffer.Write("}"u8);
        return buffer.ToArray();
    }

    private async Task<string> SubmitAsync(string path, EvalTarget target, int requests, CancellationToken cancellationToken)
    {
        FineTuningFileInfo file;
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            file = await _files.UploadFileAsync(stream, Path.GetFileName(path), "batch", cancellationToken).ConfigureAwait(false);
        }

        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("input_file_id", file.Id);
            json.WriteString("endpoint", "/v1/chat/completions");
            json.WriteString("completion_window", CompletionWindow);
            json.WriteStartObject("metadata");
            json.WriteString("source", "ftk eval");
            json.WriteString("target", target.Name);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var bytes = body.ToArray();
        var id = await _api.SendAsync(
            new ApiRequest("batches.create", "POST", "batches") { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
            r => ReadId(r.Json),
            ct => FindBatchForFileAsync(file.Id, ct),
            cancellationToken).ConfigureAwait(false);
        EvalRunLog.BatchCreated(_logger, id, target.ModelId, requests);
        return id;
    }

    /// <summary>After an ambiguous create failure: the batch that attempt may have created for this input file, or null.</summary>
    private Task<string?> FindBatchForFileAsync(string fileId, CancellationToken cancellationToken) =>
        _api.SendAsync<string?>(
            new ApiRequest("batches.list", "GET", "batches?limit=100"),
            r =>
            {
                if (!r.Json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return null;
                foreach (var batch in data.EnumerateArray())
                {
                    if (batch.TryGetProperty("input_file_id", out var input) && input.ValueKind == JsonValueKind.String && input.GetString() == fileId) return ReadId(batch);
                }
                return null;
            },
            recover: null,
            cancellationToken);

    private static string ReadId(JsonElement json) =>
        json.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : throw new InvalidDataException("The batch has no id.");

    private async Task<JsonDocument> WaitAsync(string batchId, CancellationToken cancellationToken)
    {
        var delay = PollInterval;
        while (true)
        {
            // Transient failures are retried by the connection's policy; what still fails stops the run (rerun to resume polling).
            var batch = await _api.SendAsync(
                new ApiRequest("batches.get", "GET", "batches/" + Uri.EscapeDataString(batchId)),
                r => JsonDocument.Parse(r.Json.GetRawText()),
                recover: null,
                cancellationToken).ConfigureAwait(false);
            var status = batch.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
            var counts = batch.RootElement.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            EvalRunLog.BatchStatus(_logger, batchId, status ?? "?", Count(counts, "completed"), Count(counts, "total"), Count(counts, "failed"));
            if (status is "completed" or "failed" or "expired" or "cancelled") return batch;
            batch.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    private static int Count(JsonElement counts, string name) =>
        counts.ValueKind == JsonValueKind.Object && counts.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;

    private async Task CollectAsync(JsonDocument batch, EvalTarget target, HashSet<string> customIds, Dictionary<string, EvalItem> byId, Dictionary<string, string> cacheKeys, EvalRunSession session, EvalRunOptions options, CancellationToken cancellationToken)
    {
        using (batch)
        {
            var root = batch.RootElement;
            var status = root.GetProperty("status").GetString();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("output_file_id", out var output) && output.GetString() is { Length: > 0 } outputId)
            {
                await foreach (var line in ReadFileLinesAsync(outputId, cancellationToken).ConfigureAwait(false))
                {
                    await HandleLineAsync(line, target, customIds, byId, cacheKeys, session, options, seen, cancellationToken).ConfigureAwait(false);
                }
            }
            if (root.TryGetProperty("error_file_id", out var errors) && errors.GetString() is { Length: > 0 } errorId)
            {
                await foreach (var line in ReadFileLinesAsync(errorId, cancellationToken).ConfigureAwait(false))
                {
                    await HandleLineAsync(line, target, customIds, byId, cacheKeys, session, options, seen, cancellationToken).ConfigureAwait(false);
                }
            }
            var batchErrors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? string.Join("; ", data.EnumerateArray().Select(d => d.TryGetProperty("message", out var m) ? m.GetString() : null).Where(m => m is not null))
                : null;
            foreach (var customId in customIds)
            {
                if (seen.Contains(customId) || !TryParseCustomId(customId, out _, out var itemId, out var sample)) continue;
                var reason = $"batch {root.GetProperty("id").GetString()} ended '{status}' without a result for this request" + (string.IsNullOrEmpty(batchErrors) ? string.Empty : $": {batchErrors}");
                await session.CompleteAsync(new EvalSampleResult(itemId, target.Name, sample) { Error = reason, ModelId = target.ModelId }, byId[itemId], null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleLineAsync(string line, EvalTarget target, HashSet<string> customIds, Dictionary<string, EvalItem> byId, Dictionary<string, string> cacheKeys, EvalRunSession session, EvalRunOptions options, HashSet<string> seen, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var customId = root.TryGetProperty("custom_id", out var cid) ? cid.GetString() : null;
        if (customId is null || !customIds.Contains(customId) || !seen.Add(customId) || !TryParseCustomId(customId, out _, out var itemId, out var sample)) return;
        var item = byId[itemId];
        EvalSampleResult result;
        decimal? cost = null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("status_code", out var code) && code.GetInt32() is >= 200 and < 300
            && response.TryGetProperty("body", out var body))
        {
            var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(body.GetRawText()), ModelReaderWriterOptions.Json, OpenAIContext.Default)!;
            result = EvalRunner.ToResult(completion.AsChatResponse(), itemId, target, sample, latency: null);
            if (session.Cache is { } cache && cacheKeys.TryGetValue(customId, out var key))
            {
                await cache.StoreAsync(key, EvalCachedResponse.From(result, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            cost = options.Prices?.GetCost(result.ModelId ?? target.ModelId, result.InputTokens ?? 0, result.OutputTokens ?? 0, batch: true);
        }
        else
        {
            result = new EvalSampleResult(itemId, target.Name, sample) { Error = DescribeError(root), ModelId = target.ModelId };
        }
        await session.CompleteAsync(result, item, cost, cancellationToken).ConfigureAwait(false);
    }

    private static string DescribeError(JsonElement line)
    {
        if (line.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return $"batch request failed: {(error.TryGetProperty("code", out var c) ? c.ToString() : "error")}: {(error.TryGetProperty("message", out var m) ? m.GetString() : string.Empty)}";
        }
        if (line.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            var status = response.TryGetProperty("status_code", out var code) ? code.ToString() : "?";
            var message = response.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) && e.TryGetProperty("message", out var em) ? em.GetString() : null;
            return $"HTTP {status}: {message ?? "batch request failed"}";
        }
        return "batch request failed without details";
    }

    private async IAsyncEnumerable<string> ReadFileLinesAsync(string fileId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(
            new ApiRequest("files.content", "GET", "files/" + Uri.EscapeDataString(fileId) + "/content") { StreamResponse = true },
            r => r,
            recover: null,
            cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(response.ContentStream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line)) yield return line;
        }
    }

    /// <summary>The request files of one target, split at the per-batch limits.</summary>
    private sealed class RequestFileSet(string directory, EvalTarget target)
    {
        private FileStream? _file;
        private long _bytes;

        public List<(string Path, HashSet<string> CustomIds)> Files { get; } = [];

        public async Task WriteAsync(string customId, byte[] body, CancellationToken cancellationToken)
        {
            var line = BuildLine(customId, body);
            if (_file is null || Files[^1].CustomIds.Count >= MaxRequestsPerBatch || _bytes + line.Length + 1 >= MaxBytesPerBatch)
            {
                await CloseAsync().ConfigureAwait(false);
                var path = Path.Combine(directory, $"{target.Name}-{Files.Count.ToString(CultureInfo.InvariantCulture)}.jsonl");
                _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                _bytes = 0;
                Files.Add((path, new HashSet<string>(StringComparer.Ordinal)));
            }
            await _file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _file.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            _bytes += line.Length + 1;
            Files[^1].CustomIds.Add(customId);
        }

        public async Task CloseAsync()
        {
            if (_file is not null) await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }

    /// <summary>Batch ids submitted but not yet collected, persisted so a rerun polls them instead of resubmitting.</summary>
    private sealed class BatchState
    {
        private readonly Dictionary<string, string> _ids;

        private BatchState(Dictionary<string, string> ids) => _ids = ids;

        public static async Task<BatchState> LoadAsync(string? path, CancellationToken cancellationToken)
        {
            if (path is null || !File.Exists(path)) return new BatchState(new Dictionary<string, string>(StringComparer.Ordinal));
            await using var stream = File.OpenRead(path);
            var ids = await JsonSerializer.DeserializeAsync(stream, ToolkitJson.Info<Dictionary<string, string>>(), cancellationToken).ConfigureAwait(false);
            return new BatchState(ids ?? new Dictionary<string, string>(StringComparer.Ordinal));
        }

        public string? Get(string key) => _ids.TryGetValue(key, out var id) ? id : null;

        public void Set(string key, string id) => _ids[key] = id;

        public void Remove(string key) => _ids.Remove(key);

        public async Task SaveAsync(string? path, CancellationToken cancellationToken)
        {
            if (path is null) return;
            if (_ids.Count == 0)
            {
                File.Delete(path);
                return;
            }
            await AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, _ids, ToolkitJson.Info<Dictionary<string, string>>(), ct), cancellationToken).ConfigureAwait(false);
        }
    }
}
