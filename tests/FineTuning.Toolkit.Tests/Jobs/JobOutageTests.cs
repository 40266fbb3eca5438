using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// Outages with the production polling and retry defaults, on a <see cref="FakeTimeProvider"/> shared by the client and
/// the emulator: minutes of service time pass in about a second of test time.
/// </summary>
public sealed class JobOutageTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Watch_reports_a_40_request_503_outage_and_notices_the_end_within_one_outage_interval()
    {
        var time = new TrackingTimeProvider(Start);
        await using var host = await StartAsync(time);
        var upload = await DriveAsync(time, host.Uploader.UploadAsync(host.WriteDataset()));
        var job = await DriveAsync(time, host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = upload.File.Id,
            Method = new SupervisedTraining { Epochs = 1 },
        }));
        var created = time.GetUtcNow();
        var updates = new List<(JobUpdate Update, DateTimeOffset At)>();
        var watch = Task.Run(async () =>
        {
            await foreach (var update in host.Monitor.WatchAsync(job.Id))
            {
                lock (updates)
                {
                    if (updates.Count == 0)
                    {
                        // The service goes down right after the first poll: 40 answers of 503 on every job route.
                        host.Emulator.Faults.Add("GET /v1/fine_tuning/jobs/*: 503*40");
                    }

                    updates.Add((update, time.GetUtcNow()));
                }
            }

            return 0;
        });
        DateTimeOffset? outageOver = null;
        await DriveAsync(time, watch, onStep: () => outageOver ??= host.Emulator.Faults.Count(EmulatorFaultKind.ServiceUnavailable) >= 40 ? time.GetUtcNow() : null);

        var completed = Assert.Single(updates, u => u.Update.Kind == JobUpdateKind.Completed);
        Assert.Equal(FineTuningJobStatus.Succeeded, completed.Update.Job.Status);
        Assert.Equal(40, host.Emulator.Faults.Count(EmulatorFaultKind.ServiceUnavailable));
        var finished = completed.Update.Job.FinishedAt!.Value;
        Assert.NotNull(outageOver);
        var serviceBack = finished > outageOver!.Value ? finished : outageOver.Value;
        var lag = completed.At - serviceBack;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job ended {(finished - created).TotalSeconds:0} s after creation; the 40th 503 at {(outageOver.Value - created).TotalSeconds:0} s; watch reported the end at {(completed.At - created).TotalSeconds:0} s (lag {lag.TotalSeconds:0} s)"));

        // The outage is reported while it lasts, each report with its start and the next poll; then the service's return.
        var outage = updates.Where(u => u.Update.Kind == JobUpdateKind.ServiceUnavailable).ToList();
        Assert.NotEmpty(outage);
        Assert.All(outage, u => Assert.NotNull(u.Update.UnavailableSince));
        Assert.All(outage, u => Assert.InRange(u.Update.NextPollIn!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15)));
        Assert.Equal(503, outage[0].Update.Failure!.StatusCode);
        Assert.Equal(job.Id, outage[0].Update.Job.Id);
        Assert.Contains(updates, u => u.Update.Kind == JobUpdateKind.ServiceRestored);
        Assert.True(updates.FindIndex(u => u.Update.Kind == JobUpdateKind.ServiceRestored) < updates.FindIndex(u => u.Update.Kind == JobUpdateKind.Completed));

        // Bounded: the service answers again and the watch sees it on its next poll, at most one outage interval (15 s) later.
        Assert.InRange(lag, TimeSpan.Zero, TimeSpan.FromSeconds(15 + 3));
        Assert.InRange(completed.At - created, TimeSpan.Zero, TimeSpan.FromSeconds(400));
    }

    [Fact]
    public async Task Watch_against_a_dead_server_gives_up_with_the_outage_message_within_the_budget()
    {
        var time = new TrackingTimeProvider(Start);
        await using var host = await StartAsync(time);

        // Every poll's connection is reset: a dead endpoint. (Disposing the emulator instead let a parallel test's
        // emulator take over the freed port, which answered 404 and made this test flaky.)
        host.Emulator.Faults.Add("GET *: reset");
        var updates = new List<JobUpdate>();
        var started = time.GetUtcNow();
        var watch = Task.Run(async () =>
        {
            await foreach (var update in host.Monitor.WatchAsync("ftjob-dead"))
            {
                updates.Add(update);
            }

            return 0;
        });
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => DriveAsync(time, watch, stepSeconds: 1));
        var gaveUpAfter = time.GetUtcNow() - started;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gave up after {gaveUpAfter.TotalSeconds:0} s and {updates.Count} outage reports: {ex.Message}"));

        Assert.Equal("service_unavailable", ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("Stopped watching fine-tuning job ftjob-dead", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unavailable since 2026-01-01 00:00:00Z", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxOutage (10 min 0 s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got no response", ex.Message, StringComparison.Ordinal);
        Assert.InRange(gaveUpAfter, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(JobUpdateKind.ServiceUnavailable, u.Kind));
        Assert.All(updates, u => Assert.Equal("ftjob-dead", u.Job.Id));
        Assert.Equal(Enumerable.Range(1, updates.Count), updates.Select(u => u.FailedPolls));
    }

    [Fact]
    public async Task Watch_gives_up_after_a_configured_outage_budget()
    {
        var time = new TrackingTimeProvider(Start);
        await using var host = await StartAsync(time, o => o.Polling.MaxOutage = TimeSpan.FromMinutes(2));
        var upload = await DriveAsync(time, host.Uploader.UploadAsync(host.WriteDataset()));
        var job = await DriveAsync(time, host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id }));
        host.Emulator.Faults.Add("GET /v1/fine_tuning/jobs/*: 503");
        var started = time.GetUtcNow();
        var watch = Task.Run(async () =>
        {
            await foreach (var update in host.Monitor.WatchAsync(job.Id))
            {
            }

            return 0;
        });
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => DriveAsync(time, watch));
        Assert.Contains("MaxOutage (2 min 0 s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", ex.Message, StringComparison.Ordinal);
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Jobs_list_under_an_endless_500_stops_within_the_total_time_budget_with_the_reason()
    {
        var time = new TrackingTimeProvider(Start);
        await using var host = await StartAsync(time, o => o.Retry.MaxRetries = 20);
        host.Emulator.Faults.Add("GET /v1/fine_tuning/jobs: 500");
        var started = time.GetUtcNow();
        var list = Task.Run(async () => await host.Jobs.ListJobsAsync().CountAsync());
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => DriveAsync(time, list, stepSeconds: 1));
        var elapsed = time.GetUtcNow() - started;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"jobs list stopped after {elapsed.TotalSeconds:0} s and {host.Emulator.Faults.Count(EmulatorFaultKind.InternalServerError)} attempts: {ex.Message}"));
        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("stopped retrying: the call's time budget (FineTuning:Retry:TotalTimeout = 300 s)", ex.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Assert.InRange(host.Emulator.Faults.Count(EmulatorFaultKind.InternalServerError), 5, 20);
    }

    [Fact]
    public async Task Jobs_list_against_a_server_that_never_answers_stops_at_the_total_time_budget()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, options: o =>
        {
            o.Retry.MaxRetries = 20;
            o.Retry.TotalTimeout = TimeSpan.FromSeconds(2);
            o.RequestTimeout = TimeSpan.FromSeconds(30);
        });
        host.Emulator.Faults.Add("GET /v1/fine_tuning/jobs: delay=60s");
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(async () => await host.Jobs.ListJobsAsync().CountAsync());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped after {clock.Elapsed.TotalSeconds:0.0} s (request timeout 30 s, budget 2 s): {ex.Message}"));
        Assert.Equal(0, ex.StatusCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout = 2 s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    /// <summary>A host with the production polling and retry defaults on <paramref name="time"/> (client and emulator).</summary>
    private static Task<JobsTestHost> StartAsync(TrackingTimeProvider time, Action<FineTuningToolkitOptions>? configure = null) =>
        JobsTestHost.StartAsync(
            FineTuningProvider.OpenAI,
            e =>
            {
                e.TimeProvider = time;
                e.Speed = 1;
                e.ValidatingDuration = TimeSpan.FromSeconds(5);
                e.QueuedDuration = TimeSpan.FromSeconds(5);
                e.StepsPerEpoch = 10;
                e.StepDuration = TimeSpan.FromSeconds(5);
            },
            o =>
            {
                o.Retry = new FineTuningRetryOptions();
                o.Polling = new JobPollingOptions();
                configure?.Invoke(o);
            },
            s => s.AddSingleton<TimeProvider>(time));

    /// <summary>
    /// Advances the fake clock in small steps while some fake timer is due soon (a back-off or poll wait), and lets real
    /// work (HTTP on 127.0.0.1) finish first: while only far timers are pending (a call's or an outage's budget), time
    /// stands still, so measured times do not include the test machine's own slowness.
    /// </summary>
    private static async Task<T> DriveAsync<T>(TrackingTimeProvider time, Task<T> task, Action? onStep = null, double stepSeconds = 0.25)
    {
        var limit = time.GetUtcNow() + TimeSpan.FromHours(1);
        var idle = 0;
        while (!task.IsCompleted && time.GetUtcNow() < limit)
        {
            await Task.Delay(2);
            onStep?.Invoke();
            if (task.IsCompleted)
            {
                break;
            }

            // Advance when a wait is pending within the next 3 minutes, or when nothing else moved for a while (a far deadline).
            if (time.NextDue is { } due && (due - time.GetUtcNow() <= TimeSpan.FromMinutes(3) || ++idle > 50))
            {
                idle = 0;
                time.Advance(TimeSpan.FromSeconds(stepSeconds));
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A <see cref="FakeTimeProvider"/> that knows when its earliest pending timer is due.</summary>
    private sealed class TrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentDictionary<Tracked, DateTimeOffset> _due = new();

        public DateTimeOffset? NextDue => _due.IsEmpty ? null : _due.Values.Min();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var tracked = new Tracked(this);
            tracked.Inner = base.CreateTimer(
                s =>
                {
                    if (period == Timeout.InfiniteTimeSpan)
                    {
                        _due.TryRemove(tracked, out _);
                    }

                    callback(s);
                },
                state,
                dueTime,
                period);
            tracked.Schedule(dueTime);
            return tracked;
        }

        private sealed class Tracked(TrackingTimeProvider owner) : ITimer
        {
            public ITimer Inner { get; set; } = null!;

            public void Schedule(TimeSpan dueTime)
            {
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._due.TryRemove(this, out _);
                }
                else
                {
                    owner._due[this] = owner.GetUtcNow() + dueTime;
                }
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Schedule(dueTime);
                return Inner.Change(dueTime, period);
            }

            public void Dispose()
            {
                owner._due.TryRemove(this, out _);
                Inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                owner._due.TryRemove(this, out _);
                return Inner.DisposeAsync();
            }
        }
    }
}
