using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

public sealed class RequestRateLimiterTests
{
    [Fact]
    public async Task Acquire_async_request_limit_paces_to_the_refill_rate()
    {
        var clock = new ManualTimeProvider();
        using var limiter = new RequestRateLimiter(requestsPerMinute: 60, tokensPerMinute: null, timeProvider: clock);

        await limiter.AcquireAsync(0); // the one banked request
        var second = limiter.AcquireAsync(0).AsTask();
        await WaitForTimerAsync(clock);
        Assert.False(second.IsCompleted);

        // 60 RPM with one banked request refills at 59 per minute: the next request is due after 1.017 s.
        clock.Advance(TimeSpan.FromMilliseconds(1_010));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Acquire_async_token_limit_counts_tokens_and_adjust()
    {
        var clock = new ManualTimeProvider();
        // 6,000 TPM: 100 tokens banked, refilled at 5,900 per minute (98.3 per second).
        using var limiter = new RequestRateLimiter(null, 6_000, timeProvider: clock);

        await limiter.AcquireAsync(100);
        var next = limiter.AcquireAsync(50).AsTask();
        await WaitForTimerAsync(clock);
        clock.Advance(TimeSpan.FromMilliseconds(505));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        await next.WaitAsync(TimeSpan.FromSeconds(5));

        // The request really cost 150 more tokens than estimated: the next one waits (150 + 10) / 98.3 = 1.63 s.
        limiter.Adjust(150);
        var third = limiter.AcquireAsync(10).AsTask();
        await WaitForTimerAsync(clock);
        clock.Advance(TimeSpan.FromMilliseconds(1_600));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Acquire_async_oversized_request_waits_for_a_full_bucket_then_goes_into_debt()
    {
        var clock = new ManualTimeProvider();
        using var limiter = new RequestRateLimiter(null, 600, timeProvider: clock); // capacity 10, 9.83 tokens/s

        await limiter.AcquireAsync(100); // bucket full: allowed, now at -90; one more token is due after 91 / 9.83 = 9.25 s
        var next = limiter.AcquireAsync(1).AsTask();
        await WaitForTimerAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(9.2));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Acquire_async_sustained_load_never_exceeds_the_limit_in_any_minute()
    {
        var clock = new ManualTimeProvider();
        using var limiter = new RequestRateLimiter(120, null, timeProvider: clock);
        var grants = new List<TimeSpan>();
        var start = clock.GetTimestamp();

        var worker = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await limiter.AcquireAsync(1);
                lock (grants) grants.Add(clock.GetElapsedTime(start));
            }
        });
        while (!worker.IsCompleted)
        {
            await WaitForTimerOrCompletionAsync(clock, worker);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        await worker;

        // Any sliding 60-second window holds at most the limit (the way the service counts).
        for (var i = 0; i < grants.Count; i++)
        {
            var inWindow = grants.Count(g => g >= grants[i] && g < grants[i] + TimeSpan.FromMinutes(1));
            Assert.True(inWindow <= 120, $"{inWindow} requests in the minute from {grants[i]}");
        }
        // And it is not much slower than the limit: 2 banked, then 298 at 118 per minute take about 151.5 s.
        Assert.InRange(grants[^1].TotalSeconds, 151, 153);
    }

    [Fact]
    public async Task Acquire_async_cancelled_takes_nothing()
    {
        var clock = new ManualTimeProvider();
        using var limiter = new RequestRateLimiter(60, null, timeProvider: clock);
        await limiter.AcquireAsync(0);
        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(0, cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        clock.Advance(TimeSpan.FromSeconds(1.1));
        await limiter.AcquireAsync(0).AsTask().WaitAsync(TimeSpan.FromSeconds(5)); // the refilled request is still there
    }

    [Fact]
    public void Constructor_negative_limit_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestRateLimiter(-1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestRateLimiter(1, 1, TimeSpan.Zero));
    }

    private static async Task WaitForTimerAsync(ManualTimeProvider clock)
    {
        for (var i = 0; i < 500 && clock.PendingTimers == 0; i++) await Task.Delay(2);
    }

    private static async Task WaitForTimerOrCompletionAsync(ManualTimeProvider clock, Task worker)
    {
        for (var i = 0; i < 500 && clock.PendingTimers == 0 && !worker.IsCompleted; i++) await Task.Delay(1);
    }
}
