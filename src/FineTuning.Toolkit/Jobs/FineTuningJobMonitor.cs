using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Watches jobs with adaptive polling: slow while a job waits or is paused, faster while it trains and changes,
/// backing off while nothing changes. Survives transient errors, stops on a terminal status, never waits a negative
/// or fixed 1-second interval, and takes all time from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class FineTuningJobMonitor
{
    private readonly IFineTuningJobClient _jobs;
    private readonly JobPollingOptions _polling;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FineTuningJobMonitor"/> class.</summary>
    /// <param name="jobs">The job client.</param>
    /// <param name="options">The toolkit options (polling).</param>
    /// <param name="time">The time provider.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public FineTuningJobMonitor(IFineTuningJobClient jobs, IOptions<FineTuningToolkitOptions> options, TimeProvider time, ILogger<FineTuningJobMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _jobs = jobs;
        _polling = options.Value.Polling;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Streams a job's updates until it reaches a terminal status (the last update is <see cref="JobUpdateKind.Completed"/>).
    /// While the service fails transiently it reports <see cref="JobUpdateKind.ServiceUnavailable"/> after each failed
    /// poll, polls again after at most <see cref="JobPollingOptions.OutageInterval"/>, reports
    /// <see cref="JobUpdateKind.ServiceRestored"/> once a poll succeeds, and gives up after
    /// <see cref="JobPollingOptions.MaxOutage"/>.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops the watch (the job keeps running).</param>
    /// <returns>The updates, in order.</returns>
    /// <exception cref="FineTuningApiException">
    /// The job does not exist, a poll failed permanently, or the service stayed unavailable for longer than
    /// <see cref="JobPollingOptions.MaxOutage"/> (<see cref="FineTuningApiException.ErrorCode"/> <c>service_unavailable</c>).
    /// </exception>
    public async IAsyncEnumerable<JobUpdate> WatchAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        FineTuningJobStatus? lastStatus = null;
        string? lastEventId = null;
        var seenCheckpoints = new HashSet<string>(StringComparer.Ordinal);
        var progress = new StepRate();
        var interval = _polling.QueuedInterval;
        var pending = new List<JobUpdate>();
        FineTuningJobInfo lastJob = new() { Id = jobId };
        DateTimeOffset? unavailableSince = null;
        var failedPolls = 0;
        var outageDelay = TimeSpan.Zero;
        FineTuningApiException? lastFailure = null;
        while (true)
        {
            pending.Clear();
            var pollStarted = _time.GetUtcNow();
            FineTuningJobInfo? job = null;
            FineTuningApiException? failure = null;
            var outOfBudget = false;

            // During an outage the poll (with its retries) may not run past the outage budget.
            using var budget = unavailableSince is { } since ? new CancellationTokenSource(Positive(since + _polling.MaxOutage - pollStarted), _time) : null;
            using var linked = budget is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            var token = linked?.Token ?? cancellationToken;
            try
            {
                job = await _jobs.GetJobAsync(jobId, token).ConfigureAwait(false)
                    ?? throw new FineTuningApiException($"Fine-tuning job {jobId} does not exist.") { StatusCode = 404, ErrorCode = "not_found" };
                var statusChanged = lastStatus != job.Status;
                lastStatus = job.Status;
                lastJob = job;
                if (statusChanged)
                {
                    _logger.JobStatusChanged(job.Id, job.Status.Value);
                    pending.Add(progress.Update(JobUpdateKind.StatusChanged, job, null, null, _time.GetUtcNow()));
                }

                var newEvents = 0;
                await foreach (var e in _jobs.ListEventsAsync(jobId, lastEventId, token).ConfigureAwait(false))
                {
                    newEvents++;
                    lastEventId = e.Id;
                    pending.Add(progress.Update(JobUpdateKind.Event, job, e, null, _time.GetUtcNow()));
                }

                if (newEvents > 0 || statusChanged || job.Status.IsTerminal)
                {
                    var fresh = new List<FineTuningCheckpointInfo>();
                    await foreach (var checkpoint in _jobs.ListCheckpointsAsync(jobId, token).ConfigureAwait(false))
                    {
                        if (seenCheckpoints.Add(checkpoint.Id))
                        {
                            fresh.Add(checkpoint);
                        }
                    }

                    foreach (var checkpoint in fresh.OrderBy(c => c.StepNumber))
                    {
                        pending.Add(progress.Update(JobUpdateKind.Checkpoint, job, null, checkpoint, _time.GetUtcNow()));
                    }
                }

                interval = NextInterval(job.Status, changed: statusChanged || newEvents > 0, interval);
            }
            catch (FineTuningApiException ex) when (ex.IsTransient)
            {
                failure = ex;
            }
            catch (OperationCanceledException) when (budget is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
            {
                outOfBudget = true;
            }

            if (failure is null && !outOfBudget)
            {
                if (unavailableSince is { } restoredAfter)
                {
                    _logger.WatchServiceRestored(jobId, failedPolls, (long)(_time.GetUtcNow() - restoredAfter).TotalSeconds);
                    yield return new JobUpdate { Kind = JobUpdateKind.ServiceRestored, Job = job!, UnavailableSince = restoredAfter, FailedPolls = failedPolls };
                    unavailableSince = null;
                    failedPolls = 0;
                    outageDelay = TimeSpan.Zero;
                }

                foreach (var update in pending)
                {
                    yield return update;
                }

                if (job!.Status.IsTerminal)
                {
                    yield return progress.Update(JobUpdateKind.Completed, job, null, null, _time.GetUtcNow());
                    yield break;
                }

                _logger.JobPolled(jobId, job.Status.Value, (long)interval.TotalMilliseconds);
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A transient failure (after the call's own retries): the service is unavailable.
            failedPolls++;
            unavailableSince ??= pollStarted;
            lastFailure = failure ?? lastFailure;
            var down = _time.GetUtcNow() - unavailableSince.Value;
            var remaining = _polling.MaxOutage - down;
            _logger.WatchPollFailed(jobId, failedPolls, lastFailure?.Message ?? "the outage budget ran out during the poll");
            if (outOfBudget || remaining <= TimeSpan.Zero)
            {
                throw GiveUp(jobId, unavailableSince.Value, down, failedPolls, lastFailure);
            }

            outageDelay = outageDelay == TimeSpan.Zero
                ? Clamp(_polling.RunningInterval, TimeSpan.Zero, _polling.OutageInterval)
                : Clamp(outageDelay * 2, TimeSpan.Zero, _polling.OutageInterval);
            var wait = outageDelay < remaining ? outageDelay : remaining;
            foreach (var update in pending)
            {
                yield return update;
            }

            yield return new JobUpdate
            {
                Kind = JobUpdateKind.ServiceUnavailable,
                Job = lastJob,
                UnavailableSince = unavailableSince,
                FailedPolls = failedPolls,
                Failure = lastFailure,
                NextPollIn = wait,
                Step = progress.Step,
                TotalSteps = progress.Total,
                TrainLoss = progress.Loss,
            };
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until a job reaches a terminal status.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="timeout">The longest wait, or <see langword="null"/> for none.</param>
    /// <param name="progress">Receives every update, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job in its terminal status (check <see cref="FineTuningJobInfo.Status"/>).</returns>
    /// <exception cref="TimeoutException">The job did not finish within <paramref name="timeout"/>.</exception>
    public async Task<FineTuningJobInfo> WaitForCompletionAsync(string jobId, TimeSpan? timeout = null, IProgress<JobUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t <= TimeSpan.Zero ? TimeSpan.Zero : t, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            JobUpdate? last = null;
            await foreach (var update in WatchAsync(jobId, linked.Token).ConfigureAwait(false))
            {
                progress?.Report(update);
                last = update;
            }

            return last!.Job;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Fine-tuning job {jobId} did not finish within {timeout}.");
        }
    }

    /// <summary>The next poll interval. Never negative, never below the running interval, never above the maximum.</summary>
    internal TimeSpan NextInterval(FineTuningJobStatus status, bool changed, TimeSpan previous)
    {
        if (status.IsWaiting || status.IsPaused)
        {
            return Clamp(_polling.QueuedInterval, _polling.RunningInterval, _polling.MaxInterval);
        }

        if (changed)
        {
            return _polling.RunningInterval;
        }

        return Clamp(TimeSpan.FromTicks((long)(previous.Ticks * 1.5)), _polling.RunningInterval, _polling.MaxInterval);
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromMilliseconds(1);

    private FineTuningApiException GiveUp(string jobId, DateTimeOffset since, TimeSpan down, int failedPolls, FineTuningApiException? last)
    {
        _logger.WatchGaveUp(jobId, failedPolls, (long)down.TotalSeconds);
        return new FineTuningApiException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Stopped watching fine-tuning job {jobId}: the service has been unavailable since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Minutes(down)}, {failedPolls} failed polls), longer than FineTuning:Polling:MaxOutage ({Minutes(_polling.MaxOutage)}).")
            + (last is null ? string.Empty : " Last error: " + last.Message.TrimEnd('.') + ".")
            + " The job keeps running on the service; watch it again later.",
            last)
        {
            StatusCode = last?.StatusCode ?? 503,
            ErrorCode = "service_unavailable",
            RequestId = last?.RequestId,
            Operation = last?.Operation,
        };
    }

    private static string Minutes(TimeSpan value) =>
        value.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes} min {value.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s");

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (max < min)
        {
            max = min;
        }

        return value < min ? min : value > max ? max : value;
    }

    /// <summary>Tracks the latest step and loss and derives an ETA from the observed step rate.</summary>
    private sealed class StepRate
    {
        private DateTimeOffset? _firstAt;
        private int _firstStep;
        private DateTimeOffset? _lastAt;

        public int? Step { get; private set; }

        public int? Total { get; private set; }

        public double? Loss { get; private set; }

        public JobUpdate Update(JobUpdateKind kind, FineTuningJobInfo job, FineTuningEventInfo? e, FineTuningCheckpointInfo? checkpoint, DateTimeOffset now)
        {
            if (e?.Metrics is { } m)
            {
                if (_firstAt is null)
                {
                    _firstAt = e.CreatedAt;
                    _firstStep = m.Step;
                }

                Step = m.Step;
                Total = m.TotalSteps ?? Total;
                Loss = m.TrainLoss ?? Loss;
                _lastAt = e.CreatedAt;
            }

            return new JobUpdate
            {
                Kind = kind,
                Job = job,
                Event = e,
                Checkpoint = checkpoint,
                Step = Step,
                TotalSteps = Total,
                TrainLoss = Loss,
                EstimatedTimeRemaining = Eta(job, now),
            };
        }

        private TimeSpan? Eta(FineTuningJobInfo job, DateTimeOffset now)
        {
            if (job.Status.IsTerminal)
            {
                return TimeSpan.Zero;
            }

            if (Step is { } step && Total is { } total && _firstAt is { } first && _lastAt is { } last && step > _firstStep && last > first)
            {
                var perStep = (last - first).TotalSeconds / (step - _firstStep);
                return TimeSpan.FromSeconds(Math.Max(0, (total - step) * perStep));
            }

            if (job.EstimatedFinish is { } finish)
            {
                var remaining = finish - now;
                return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
            }

            return null;
        }
    }
}
