using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

public sealed class WatchOutputTests
{
    [Fact]
    public void An_outage_is_printed_with_its_start_the_failure_and_the_next_poll()
    {
        var since = new DateTimeOffset(2026, 12, 3, 13, 20, 5, TimeSpan.Zero);
        var down = new JobUpdate
        {
            Kind = JobUpdateKind.ServiceUnavailable,
            Job = new FineTuningJobInfo { Id = "ftjob-1" },
            UnavailableSince = since,
            FailedPolls = 3,
            Failure = new FineTuningApiException("x") { StatusCode = 503 },
            NextPollIn = TimeSpan.FromSeconds(15),
        };
        Assert.Equal("service unavailable since 2026-12-03 13:20:05Z (HTTP 503, 3 failed polls), retrying in 15 s", JobProgress.Outage(down));

        var noResponse = new JobUpdate { Kind = JobUpdateKind.ServiceUnavailable, Job = down.Job, UnavailableSince = since, FailedPolls = 1, Failure = new FineTuningApiException("x"), NextPollIn = TimeSpan.FromSeconds(10) };
        Assert.Equal("service unavailable since 2026-12-03 13:20:05Z (no response, 1 failed polls), retrying in 10 s", JobProgress.Outage(noResponse));

        var back = new JobUpdate { Kind = JobUpdateKind.ServiceRestored, Job = down.Job, UnavailableSince = since, FailedPolls = 8 };
        Assert.Equal("service available again (unavailable since 2026-12-03 13:20:05Z, 8 failed polls)", JobProgress.Outage(back));
    }
}
