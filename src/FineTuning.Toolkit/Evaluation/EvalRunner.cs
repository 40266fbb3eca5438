using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using FineTuning.Toolkit.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>
/// Runs an evaluation set against one or more targets: k samples per item, bounded concurrency under RPM/TPM limits,
/// retries honouring <c>Retry-After</c>, a persistent response cache, results appended to disk as they arrive (so an
/// interrupted run resumes where it stopped), scoring with <see cref="IEvalScorer"/>s, and token/cost accounting.
/// </summary>
/// <remarks>One instance can run many evaluations; runs do not share state. Thread-safe.</remarks>
public sealed partial class EvalRunner
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="EvalRunner"/> class.</summary>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="timeProvider">The clock for pacing, back-off and latency; <see cref="TimeProvider.System"/> when null.</param>
    public EvalRunner(ILogger<EvalRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="items"/> against <paramref name="targets"/> and scores every output.</summary>
    /// <param name="items">The evaluation set (streamed; read once).</param>
    /// <param name="targets">The models to evaluate; names must be unique.</param>
    /// <param name="scorers">The scorers applied to every output (may be empty).</param>
    /// <param name="options">How to run; defaults when null.</param>
    /// <param name="progress">Receives a report after every call; may be null.</param>
    /// <param name="cancellationToken">Stops the run; results written so far stay on disk for a resume.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentException">No targets, duplicate target names or duplicate scorer names.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<EvalRunSummary> RunAsync(
        IAsyncEnumerable<EvalItem> items,
        IReadOnlyList<EvalTarget> targets,
        IReadOnlyList<IEvalScorer> scorers,
        EvalRunOptions? options = null,
        IProgress<EvalRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scorers);
        options ??= new EvalRunOptions();
        options.Validate();
        if (targets.Count == 0) throw new ArgumentException("At least one target is needed.", nameof(targets));
        if (targets.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != targets.Count) throw new ArgumentException("Target names must be unique.", nameof(targets));
        if (scorers.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != scorers.Count) throw new ArgumentException("Scorer names must be unique.", nameof(scorers));

        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("evaluation.run");
        activity?.SetTag("ftk.eval.targets", string.Join(",", targets.Select(t => t.Name)));
        activity?.SetTag("ftk.eval.samples", options.Samples);
        var run = new RunState(this, targets, scorers, options, progress);
        var started = _time.GetTimestamp();
        await run.LoadPreviousAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            await run.ExecuteAsync(items, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        var summary = run.Summarize(_time.GetElapsedTime(started));
        activity?.SetTag("ftk.eval.failed", summary.Failed);
        return summary;
    }

    /// <summary>Runs an in-memory evaluation set; see <see cref="RunAsync(IAsyncEnumerable{EvalItem}, IReadOnlyList{EvalTarget}, IReadOnlyList{IEvalScorer}, EvalRunOptions?, IProgress{EvalRunProgress}?, CancellationToken)"/>.</summary>
    /// <param name="items">The evaluation set.</param>
    /// <param name="targets">The models to evaluate.</param>
    /// <param name="scorers">The scorers.</param>
    /// <param name="options">How to run.</param>
    /// <param name="progress">Progress receiver.</param>
    /// <param name="cancellationToken">Stops the run.</param>
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
        return RunAsync(ToAsync(items), targets, scorers, options, progress, cancellationToken);
    }

    private static async IAsyncEnumerable<EvalItem> ToAsync(IEnumerable<EvalItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The estimate used when no tokenizer is configured: about four characters per token plus message overhead.</summary>
    internal static int EstimateTokens(IReadOnlyList<ChatMessage> messages)
    {
        var characters = 0;
        foreach (var m in messages) characters += m.Text.Length;
        return (characters / 4) + (4 * messages.Count) + 3;
    }

    internal static async Task<EvalSampleResult> ScoreAsync(EvalSampleResult result, EvalItem item, IReadOnlyList<IEvalScorer> scorers, CancellationToken cancellationToken)
    {
        if (scorers.Count == 0 || !result.Succeeded) return result;
        var scores = new Dictionary<string, EvalScore>(StringComparer.Ordinal);
        var context = new EvalScoringContext(item, result.Output ?? string.Empty, result.Target, result.SampleIndex) { Logprobs = result.Logprobs };
        foreach (var scorer in scorers)
        {
            try
            {
                scores[scorer.Name] = await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                scores[scorer.Name] = EvalScore.Failed($"{ex.GetType().Name}: {ex.Message}");
            }
        }
        return result with { Scores = scores };
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Retrying {Target} item {ItemId} sample {Sample} in {DelayMs} ms after attempt {Attempt}: {Reason}")]
    private partial void LogRetry(string target, string itemId, int sample, long delayMs, int attempt, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Call for {Target} item {ItemId} sample {Sample} failed: {Reason}")]
    private partial void LogCallFailed(string target, string itemId, int sample, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Resuming: {Completed} completed results found in {Path}")]
    private partial void LogResuming(int completed, string path);

    private readonly record struct WorkUnit(EvalItem Item, EvalTarget Target, int Sample);

    private sealed class TargetTotals
    {
        public int Results;
        public int Failed;
        public int Cached;
        public int Resumed;
        public long InputTokens;
        public long OutputTokens;
        public decimal Cost;
        public bool CostUnknown;
    }

    /// <summary>The state of one run: resume set, cache, limiters, results writer and counters.</summary>
    private sealed class RunState : IAsyncDisposable
    {
        private readonly EvalRunner _owner;
        private readonly IReadOnlyList<EvalTarget> _targets;
        private readonly IReadOnlyList<IEvalScorer> _scorers;
        private readonly EvalRunOptions _options;
        private readonly IProgress<EvalRunProgress>? _progress;
        private readonly EvalResponseCache? _cache;
        private readonly Dictionary<string, RequestRateLimiter> _limiters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TargetTotals> _totals = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string, int), EvalSampleResult> _previous = [];
        private readonly List<EvalSampleResult> _results = [];
        private readonly SemaphoreSlim _writeLock = new(1, 1);
        private readonly object _gate = new();
        private StreamWriter? _writer;
        private int _completed;
        private int _cachedCount;
        private int _failedCount;
        private int _resumedCount;
        private int _retries;
        private int? _total;
        private int _items;

        public RunState(EvalRunner owner, IReadOnlyList<EvalTarget> targets, IReadOnlyList<IEvalScorer> scorers, EvalRunOptions options, IProgress<EvalRunProgress>? progress)
        {
            _owner = owner;
            _targets = targets;
            _scorers = scorers;
            _options = options;
            _progress = progress;
            _cache = options.CacheDirectory is { } dir ? new EvalResponseCache(dir) : null;
            foreach (var t in targets)
            {
                _totals[t.Name] = new TargetTotals();
                if ((options.RequestsPerMinute is > 0 || options.TokensPerMinute is > 0) && !_limiters.ContainsKey(t.ModelId))
                {
                    _limiters[t.ModelId] = new RequestRateLimiter(options.RequestsPerMinute, options.TokensPerMinute, timeProvider: owner._time);
                }
            }
        }

        public async Task LoadPreviousAsync(CancellationToken cancellationToken)
        {
            if (_options.ResultsPath is not { } path) return;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            if (File.Exists(path))
            {
                EvalResultsFile.RepairTail(path);
                await foreach (var r in EvalResultsFile.ReadAsync(path, cancellationToken).ConfigureAwait(false))
                {
                    _previous[(r.ItemId, r.Target, r.SampleIndex)] = r;
                }
                var completed = _previous.Values.Count(r => r.Succeeded);
                if (completed > 0) _owner.LogResuming(completed, path);
            }
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 14, useAsync: true);
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        }

        public async Task ExecuteAsync(IAsyncEnumerable<EvalItem> items, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<WorkUnit>(new BoundedChannelOptions(_options.MaxConcurrency * 4) { SingleWriter = true });
            var workers = new Task[_options.MaxConcurrency];
            for (var i = 0; i < workers.Length; i++) workers[i] = WorkAsync(channel.Reader, linked.Token);

            var enqueued = 0;
            try
            {
                await foreach (var item in items.WithCancellation(linked.Token).ConfigureAwait(false))
                {
                    _items++;
                    foreach (var target in _targets)
                    {
                        for (var sample = 0; sample < _options.Samples; sample++)
                        {
                            if (_previous.TryGetValue((item.Id, target.Name, sample), out var earlier) && earlier.Succeeded)
                            {
                                Record(earlier, resumed: true, cost: null);
                                continue;
                            }
                            enqueued++;
                            await channel.Writer.WriteAsync(new WorkUnit(item, target, sample), linked.Token).ConfigureAwait(false);
                        }
                    }
                }
                lock (_gate) _total = enqueued;
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
                await linked.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(workers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }

            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch
            {
                await linked.CancelAsync().ConfigureAwait(false);
                throw;
            }
            cancellationToken.ThrowIfCancellationRequested();
        }

        private async Task WorkAsync(ChannelReader<WorkUnit> reader, CancellationToken cancellationToken)
        {
            await Task.Yield();
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var unit))
                {
                    var (result, cost) = await CallAsync(unit, cancellationToken).ConfigureAwait(false);
                    result = await ScoreAsync(result, unit.Item, _scorers, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(result, cancellationToken).ConfigureAwait(false);
                    Record(result, resumed: false, cost);
                }
            }
        }

        private async Task<(EvalSampleResult Result, decimal? Cost)> CallAsync(WorkUnit unit, CancellationToken cancellationToken)
        {
            var (item, target, sample) = unit;
            var chatOptions = target.CreateChatOptions();
            string? key = null;
            if (_cache is not null)
            {
                key = EvalResponseCache.ComputeKey(target.Name, target.ModelId, item.Input, chatOptions, sample);
                if (!_options.Fresh && await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
                {
                    return (new EvalSampleResult(item.Id, target.Name, sample)
                    {
                        Output = hit.Text,
                        FinishReason = hit.FinishReason,
                        ModelId = hit.ModelId,
                        InputTokens = hit.InputTokens,
                        OutputTokens = hit.OutputTokens,
                        Logprobs = hit.LogProbabilities,
                        Latency = TimeSpan.FromMilliseconds(hit.LatencyMs),
                        Cached = true,
                    }, 0m);
                }
            }

            _limiters.TryGetValue(target.ModelId, out var limiter);
            var estimate = 0;
            if (limiter?.TokensPerMinute is not null)
            {
                estimate = (_options.RequestTokenCounter?.Invoke(target.ModelId, item.Input) ?? EstimateTokens(item.Input)) + (target.MaxOutputTokens ?? 0);
            }

            for (var attempt = 0; ; attempt++)
            {
                if (limiter is not null) await limiter.AcquireAsync(estimate, cancellationToken).ConfigureAwait(false);
                var started = _owner._time.GetTimestamp();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    var response = await target.Client.GetResponseAsync(item.Input, chatOptions, timeout.Token).ConfigureAwait(false);
                    var latency = _owner._time.GetElapsedTime(started);
                    var input = response.Usage?.InputTokenCount;
                    var output = response.Usage?.OutputTokenCount;
                    if (limiter is not null && input is not null) limiter.Adjust((int)Math.Clamp((input ?? 0) + (output ?? 0) - estimate, int.MinValue, int.MaxValue));
                    var logprobs = response.AdditionalProperties?.TryGetValue(OpenAIChatClientAdapter.LogProbabilitiesKey, out var lp) == true ? lp as IReadOnlyList<EvalTokenLogprob> : null;
                    var result = new EvalSampleResult(item.Id, target.Name, sample)
                    {
                        Output = response.Text,
                        FinishReason = response.FinishReason?.Value,
                        ModelId = response.ModelId ?? target.ModelId,
                        InputTokens = input,
                        OutputTokens = output,
                        Latency = latency,
                        Logprobs = logprobs,
                    };
                    if (_cache is not null && key is not null)
                    {
                        await _cache.StoreAsync(key, new EvalCachedResponse
                        {
                            Text = result.Output ?? string.Empty,
                            FinishReason = result.FinishReason,
                            ModelId = result.ModelId,
                            InputTokens = input,
                            OutputTokens = output,
                            LogProbabilities = logprobs,
                            LatencyMs = latency.TotalMilliseconds,
                            CreatedAt = _owner._time.GetUtcNow(),
                        }, cancellationToken).ConfigureAwait(false);
                    }
                    decimal? cost = _options.Prices is { } prices ? prices.GetCost(result.ModelId ?? target.ModelId, input ?? 0, output ?? 0, batch: false) : null;
                    return (result, cost);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    if (attempt < _options.Retry.MaxRetries && EvalRetry.IsTransient(ex, cancellationToken))
                    {
                        var delay = EvalRetry.DelayFor(ex, attempt, _options.Retry, _owner._time);
                        Interlocked.Increment(ref _retries);
                        _owner.LogRetry(target.Name, item.Id, sample, (long)delay.TotalMilliseconds, attempt + 1, EvalRetry.Describe(ex));
                        if (delay > TimeSpan.Zero) await Task.Delay(delay, _owner._time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    var reason = EvalRetry.Describe(ex);
                    _owner.LogCallFailed(target.Name, item.Id, sample, reason);
                    return (new EvalSampleResult(item.Id, target.Name, sample) { Error = reason, ModelId = target.ModelId }, null);
                }
            }
        }

        private async Task WriteAsync(EvalSampleResult result, CancellationToken cancellationToken)
        {
            if (_writer is null) return;
            var line = EvalResultsFile.Serialize(result);
            await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                // Written and flushed whole even when cancellation is requested meanwhile, so the line is never torn by us.
                await _writer.WriteLineAsync(line.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                await _writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
            _ = cancellationToken;
        }

        private void Record(EvalSampleResult result, bool resumed, decimal? cost)
        {
            EvalRunProgress report;
            lock (_gate)
            {
                var totals = _totals[result.Target];
                totals.Results++;
                if (!result.Succeeded) { totals.Failed++; _failedCount++; }
                if (resumed)
                {
                    totals.Resumed++;
                    _resumedCount++;
                }
                else
                {
                    _completed++;
                    if (result.Cached) { totals.Cached++; _cachedCount++; }
                    else if (result.Succeeded)
                    {
                        totals.InputTokens += result.InputTokens ?? 0;
                        totals.OutputTokens += result.OutputTokens ?? 0;
                        if (cost is { } c) totals.Cost += c;
                        else totals.CostUnknown = true;
                    }
                }
                if (_options.KeepResultsInMemory) _results.Add(result);
                report = new EvalRunProgress(_completed, _total, _cachedCount, _failedCount, _resumedCount, _retries);
            }
            _progress?.Report(report);
        }

        public EvalRunSummary Summarize(TimeSpan duration)
        {
            lock (_gate)
            {
                return new EvalRunSummary
                {
                    Targets = [.. _targets.Select(t =>
                    {
                        var x = _totals[t.Name];
                        return new EvalTargetSummary
                        {
                            Target = t.Name,
                            ModelId = t.ModelId,
                            Results = x.Results,
                            Failed = x.Failed,
                            Cached = x.Cached,
                            Resumed = x.Resumed,
                            InputTokens = x.InputTokens,
                            OutputTokens = x.OutputTokens,
                            Cost = x.CostUnknown || _options.Prices is null ? null : x.Cost,
                        };
                    })],
                    Results = [.. _results],
                    Items = _items,
                    Retries = _retries,
                    Duration = duration,
                    ResultsPath = _options.ResultsPath,
                };
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
            foreach (var limiter in _limiters.Values) limiter.Dispose();
            _writeLock.Dispose();
        }
    }
}
