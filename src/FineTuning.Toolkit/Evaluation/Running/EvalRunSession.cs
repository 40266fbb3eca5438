using System.Text;
using System.Threading.Channels;
using FineTuning.Toolkit.Connections;
using Microsoft.Extensions.Logging;
using FineTuning.Toolkit.Evaluation.Cache;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>A unit of work: one (item, target, sample) triple.</summary>
internal readonly record struct EvalWorkUnit(EvalItem Item, EvalTarget Target, int Sample);


internal sealed class TargetTotals
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
internal sealed class EvalRunSession : IAsyncDisposable
{
    /// <summary>The argument checks both runners share; returns the options to use (defaults when null).</summary>
    internal static EvalRunOptions ValidateArguments(IAsyncEnumerable<EvalItem> items, IReadOnlyList<EvalTarget> targets, IReadOnlyList<IEvalScorer> scorers, EvalRunOptions? options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scorers);
        options ??= new EvalRunOptions();
        options.Validate();
        if (targets.Count == 0) throw new ArgumentException("At least one target is needed.", nameof(targets));
        if (targets.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != targets.Count) throw new ArgumentException("Target names must be unique.", nameof(targets));
        if (scorers.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != scorers.Count) throw new ArgumentException("Scorer names must be unique.", nameof(scorers));
        return options;
    }

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
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
    private readonly System.Collections.Concurrent.ConcurrentQueue<EvalWorkUnit> _retryLater = new();
    private int _consecutiveFailures;
    private string? _abortReason;
    private int _abortCount;

    public EvalRunSession(ILogger logger, TimeProvider time, IReadOnlyList<EvalTarget> targets, IReadOnlyList<IEvalScorer> scorers, EvalRunOptions options, IProgress<EvalRunProgress>? progress)
    {
        _logger = logger;
        _time = time;
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
                _limiters[t.ModelId] = new RequestRateLimiter(options.RequestsPerMinute, options.TokensPerMinute, timeProvider: time);
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
            if (completed > 0) EvalRunLog.Resuming(_logger, completed, path);
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 14, useAsync: true);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    public EvalResponseCache? Cache => _cache;

    public EvalRunOptions Options => _options;

    public IReadOnlyList<EvalTarget> Targets => _targets;

    /// <summary>The result of an earlier run for this triple, when it succeeded (the triple is then skipped).</summary>
    public bool TryGetCompleted(string itemId, string target, int sample, out EvalSampleResult result) =>
        _previous.TryGetValue((itemId, target, sample), out result!) && result.Succeeded;

    public void CountItem()
    {
        lock (_gate) _items++;
    }

    public void RecordResumed(EvalSampleResult result) => Record(result, resumed: true, cost: null);

    public void SetTotal(int total)
    {
        lock (_gate) _total = total;
    }

    /// <summary>Scores, appends and counts one finished call.</summary>
    public async Task CompleteAsync(EvalSampleResult result, EvalItem item, decimal? cost, CancellationToken cancellationToken)
    {
        result = await EvalRunner.ScoreAsync(result, item, _scorers, cancellationToken).ConfigureAwait(false);
        await WriteAsync(result, cancellationToken).ConfigureAwait(false);
        Record(result, resumed: false, cost);
    }

    public async Task ExecuteAsync(IAsyncEnumerable<EvalItem> items, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<EvalWorkUnit>(new BoundedChannelOptions(_options.MaxConcurrency * 4) { SingleWriter = true });
        var workers = new Task[_options.MaxConcurrency];
        for (var i = 0; i < workers.Length; i++) workers[i] = WorkAsync(channel.Reader, linked);

        var enqueued = 0;
        try
        {
            await foreach (var item in items.WithCancellation(linked.Token).ConfigureAwait(false))
            {
                CountItem();
                foreach (var target in _targets)
                {
                    for (var sample = 0; sample < _options.Samples; sample++)
                    {
                        if (TryGetCompleted(item.Id, target.Name, sample, out var earlier))
                        {
                            RecordResumed(earlier);
                            continue;
                        }
                        enqueued++;
                        await channel.Writer.WriteAsync(new EvalWorkUnit(item, target, sample), linked.Token).ConfigureAwait(false);
                    }
                }
            }
            SetTotal(enqueued);
            channel.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            channel.Writer.TryComplete(ex);
            await linked.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            if (_abortReason is { } reason && !cancellationToken.IsCancellationRequested)
            {
                throw new EvalRunAbortedException(_abortCount, reason, _options.ResultsPath is { } path ? Path.GetFullPath(path) : null);
            }

            _ = ex;
            throw;
        }

        await WaitAsync(workers, linked, cancellationToken).ConfigureAwait(false);

        // The second pass: calls that failed with a transient error get one more try, after the burst that broke them.
        if (!_retryLater.IsEmpty)
        {
            EvalRunLog.RetryingFailed(_logger, _retryLater.Count);
            var again = Channel.CreateUnbounded<EvalWorkUnit>(new UnboundedChannelOptions { SingleWriter = true });
            while (_retryLater.TryDequeue(out var unit)) again.Writer.TryWrite(unit);
            again.Writer.TryComplete();
            var retryWorkers = new Task[_options.MaxConcurrency];
            for (var i = 0; i < retryWorkers.Length; i++) retryWorkers[i] = WorkAsync(again.Reader, linked, finalPass: true);
            await WaitAsync(retryWorkers, linked, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the workers; turns an open circuit into <see cref="EvalRunAbortedException"/>.</summary>
    private async Task WaitAsync(Task[] workers, CancellationTokenSource linked, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            if (_abortReason is { } reason && !cancellationToken.IsCancellationRequested)
            {
                throw new EvalRunAbortedException(_abortCount, reason, _options.ResultsPath is { } path ? Path.GetFullPath(path) : null);
            }

            _ = ex;
            throw;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WorkAsync(ChannelReader<EvalWorkUnit> reader, CancellationTokenSource run, bool finalPass = false)
    {
        var cancellationToken = run.Token;
        await Task.Yield();
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var unit))
            {
                var (result, cost, transient) = await CallAsync(unit, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded || !transient)
                {
                    Interlocked.Exchange(ref _consecutiveFailures, 0);
                }
                else
                {
                    var inARow = Interlocked.Increment(ref _consecutiveFailures);
                    if (_options.CircuitBreakerFailures > 0 && inARow >= _options.CircuitBreakerFailures && Interlocked.CompareExchange(ref _abortReason, result.Error ?? "(unknown)", null) is null)
                    {
                        _abortCount = inARow;
                        EvalRunLog.CircuitOpen(_logger, inARow, _abortReason!);
                        await run.CancelAsync().ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (!finalPass && _options.RetryFailedCalls)
                    {
                        _retryLater.Enqueue(unit);
                        continue;
                    }
                }

                result = await EvalRunner.ScoreAsync(result, unit.Item, _scorers, cancellationToken).ConfigureAwait(false);
                await WriteAsync(result, cancellationToken).ConfigureAwait(false);
                Record(result, resumed: false, cost);
            }
        }
    }

    private async Task<(EvalSampleResult Result, decimal? Cost, bool Transient)> CallAsync(EvalWorkUnit unit, CancellationToken cancellationToken)
    {
        var (item, target, sample) = unit;
        var chatOptions = target.CreateChatOptions();
        string? key = null;
        if (_cache is not null)
        {
            try
            {
                key = await EvalResponseCache.ComputeKeyAsync(target, item.Input, chatOptions, sample, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Content the OpenAI request mapping cannot express has no cache key; the call itself decides.
                EvalRunLog.CallFailed(_logger, target.Name, item.Id, sample, "no cache key: " + EvalFailure.Describe(ex));
            }
            if (key is not null && !_options.Fresh && await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
            {
                return (hit.ToResult(item.Id, target.Name, sample), 0m, false);
            }
        }

        _limiters.TryGetValue(target.ModelId, out var limiter);
        var estimate = 0;
        if (limiter?.TokensPerMinute is not null)
        {
            estimate = (_options.RequestTokenCounter?.Invoke(target.ModelId, item.Input) ?? EvalRunner.EstimateTokens(target.ModelId, item.Input)) + (target.MaxOutputTokens ?? 0);
        }

        if (limiter is not null) await limiter.AcquireAsync(estimate, cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        // The client's pipeline retries (the connection's one policy); count what it did for this call.
        var retries = new RetryCounter();
        RetryCounter.Current = retries;
        try
        {
            var response = await target.Client.GetResponseAsync(item.Input, chatOptions, timeout.Token).ConfigureAwait(false);
            var latency = _time.GetElapsedTime(started);
            var input = response.Usage?.InputTokenCount;
            var output = response.Usage?.OutputTokenCount;
            // The service charges the estimate (prompt + max tokens) up front; only a longer real answer costs more.
            if (limiter is not null && input is not null && (input ?? 0) + (output ?? 0) > estimate) limiter.Adjust((int)Math.Min((input ?? 0) + (output ?? 0) - estimate, int.MaxValue));
            var result = EvalRunner.ToResult(response, item.Id, target, sample, latency);
            if (_cache is not null && key is not null)
            {
                await _cache.StoreAsync(key, EvalCachedResponse.From(result, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            decimal? cost = _options.Prices is { } prices ? prices.GetCost(result.ModelId ?? target.ModelId, input ?? 0, output ?? 0, batch: false) : null;
            return (result, cost, false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = EvalFailure.Describe(ex);
            EvalRunLog.CallFailed(_logger, target.Name, item.Id, sample, reason);
            return (new EvalSampleResult(item.Id, target.Name, sample) { Error = reason, ModelId = target.ModelId }, null, EvalFailure.IsTransient(ex));
        }
        finally
        {
            RetryCounter.Current = null;
            if (retries.Count > 0) Interlocked.Add(ref _retries, retries.Count);
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
