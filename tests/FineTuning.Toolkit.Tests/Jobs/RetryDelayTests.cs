using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FsCheck;
using FsCheck.Fluent;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class RetryDelayTests
{
    private static ToolkitRetryPolicy Connection(FineTuningRetryOptions retry)
    {
        var options = new FineTuningToolkitOptions { ApiKey = "sk-test", Retry = retry, UseEnvironmentVariables = false };
        return ProviderConnection.Create(options, TimeProvider.System, null).RetryPolicy;
    }

    [Fact]
    public void Delays_are_never_negative_and_never_exceed_the_caps()
    {
        var retry = new FineTuningRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5), MaxRetryAfter = TimeSpan.FromSeconds(20) };
        var connection = Connection(retry);
        Prop.ForAll<int, long>((attempt, serverMs) =>
        {
            var a = Math.Abs(attempt % 1000);
            TimeSpan? server = serverMs % 3 == 0 ? null : TimeSpan.FromMilliseconds(serverMs % 10_000_000);
            var delay = connection.ComputeDelay(a, server);
            var cap = server is null ? retry.MaxDelay : retry.MaxRetryAfter;
            return delay >= TimeSpan.Zero && delay <= cap;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Backoff_grows_with_jitter_and_honours_server_waits_up_to_the_cap()
    {
        var connection = Connection(new FineTuningRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxRetryAfter = TimeSpan.FromSeconds(10) });
        var first = connection.ComputeDelay(0, null);
        Assert.InRange(first.TotalMilliseconds, 500, 1000);
        var third = connection.ComputeDelay(2, null);
        Assert.InRange(third.TotalMilliseconds, 2000, 4000);
        Assert.Equal(TimeSpan.FromSeconds(3), connection.ComputeDelay(0, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(10), connection.ComputeDelay(0, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.Zero, connection.ComputeDelay(0, TimeSpan.FromSeconds(-5)));
    }
}
