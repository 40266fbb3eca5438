using System.Net;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

public sealed class EvalRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ftk-runner-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static List<EvalItem> Items(int n) =>
        [.. Enumerable.Range(1, n).Select(i => EvalItem.FromPrompt($"q{i}", $"What is {i}+{i}?", (2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private static string Solve(IEnumerable<ChatMessage> messages)
    {
        var text = messages.Last().Text;
        var n = int.Parse(text.Split(' ')[2].Split('+')[0], System.Globalization.CultureInfo.InvariantCulture);
        return (2 * n).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Run_async_samples_every_item_k_times_per_target_and_scores()
    {
        var good = new FakeChatClient((m, _, _) => Solve(m));
        var bad = new FakeChatClient((_, _, _) => "no idea");
        var targets = new[] { new EvalTarget("tuned", good, "ft:model"), new EvalTarget("base", bad, "base-model") };
        var scorer = new EvalScorerRegistry().Create("exact");

        var summary = await new EvalRunner().RunAsync(Items(5), targets, [scorer], new EvalRunOptions { Samples = 3 });

        Assert.Equal(30, summary.Results.Count);
        Assert.Equal(15, good.Calls);
        Assert.Equal(15, bad.Calls);
        Assert.All(summary.Results.Where(r => r.Target == "tuned"), r => Assert.Equal(1.0, r.GetScore(scorer.Name)!.Value));
        Assert.All(summary.Results.Where(r => r.Target == "base"), r => Assert.Equal(0.0, r.GetScore(scorer.Name)!.Value));
        Assert.Equal(15 * 10, summary.Targets[0].InputTokens);
        Assert.Equal(new[] { 0, 1, 2 }, summary.Results.Where(r => r.ItemId == "q1" && r.Target == "tuned").Select(r => r.SampleIndex).Order());
    }

    [Fact]
    public async Task Run_async_rerun_is_served_from_the_cache_and_fresh_bypasses_it()
    {
        var client = new FakeChatClient((m, _, _) => Solve(m));
        var targets = new[] { new EvalTarget("t", client, "m") };
        var options = new EvalRunOptions { CacheDirectory = Path.Combine(_dir, "cache"), Samples = 2 };

        var first = await new EvalRunner().RunAsync(Items(4), targets, [], options);
        Assert.Equal(8, client.Calls);
        var second = await new EvalRunner().RunAsync(Items(4), targets, [], options);
        Assert.Equal(8, client.Calls); // zero new calls
        Assert.All(second.Results, r => Assert.True(r.Cached));
        Assert.Equal(first.Results.OrderBy(r => (r.ItemId, r.SampleIndex)).Select(r => r.Output), second.Results.OrderBy(r => (r.ItemId, r.SampleIndex)).Select(r => r.Output));
        Assert.Equal(0, second.Targets[0].InputTokens);

        await new EvalRunner().RunAsync(Items(4), targets, [], options with { Fresh = true });
        Assert.Equal(16, client.Calls);

        // A change of sampling options is a different request: no stale hit.
        await new EvalRunner().RunAsync(Items(4), [new EvalTarget("t", client, "m") { Temperature = 0.7f }], [], options);
        Assert.Equal(24, client.Calls);
    }

    [Fact]
    public async Task Run_async_cancelled_mid_run_resumes_without_duplicates()
    {
        var path = Path.Combine(_dir, "results.jsonl");
        using var cts = new CancellationTokenSource();
        var first = new FakeChatClient((m, _, _) => Solve(m))
        {
            BeforeAnswer = async (n, ct) =>
            {
                if (n == 6) await cts.CancelAsync();
                if (n >= 6) await Task.Delay(Timeout.Infinite, ct);
            },
        };
        var options = new EvalRunOptions { ResultsPath = path, MaxConcurrency = 1 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EvalRunner().RunAsync(Items(10), [new EvalTarget("t", first, "m")], [], options, cancellationToken: cts.Token));
        var written = await EvalResultsFile.ReadLatestAsync(path);
        Assert.Equal(5, written.Count);

        // Simulate a crash that tore the last line.
        await File.AppendAllTextAsync(path, "{\"item_id\":\"q9\",\"tar");

        var second = new FakeChatClient((m, _, _) => Solve(m));
        var summary = await new EvalRunner().RunAsync(Items(10), [new EvalTarget("t", second, "m")], [], options);
        Assert.Equal(5, second.Calls);
        Assert.Equal(5, summary.Targets[0].Resumed);
        var all = new List<EvalSampleResult>();
        await foreach (var r in EvalResultsFile.ReadAsync(path)) all.Add(r);
        Assert.Equal(10, all.Count);
        Assert.Equal(10, all.Select(r => r.ItemId).Distinct().Count());
    }

    [Fact]
    public async Task Run_async_does_not_retry_itself_failures_are_reported_per_item_without_secrets()
    {
        // Retries belong to the client pipeline (the connection's policy); the runner records what still fails
        // (here without its second pass over transient failures, which the next test covers).
        var flaky = new FakeChatClient((m, _, _) => Solve(m))
        {
            FailCall = n => n == 1 ? new HttpRequestException("busy, key sk-abcdefghijklmnopqrstuvwxyz0123", null, HttpStatusCode.TooManyRequests) : null,
        };
        var options = new EvalRunOptions { MaxConcurrency = 1, RetryFailedCalls = false };
        var summary = await new EvalRunner().RunAsync(Items(3), [new EvalTarget("t", flaky, "m")], [], options);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(0, summary.Retries);
        Assert.Equal(3, flaky.Calls);
        var error = Assert.Single(summary.Results, r => !r.Succeeded);
        Assert.Contains("429", error.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abcdefghijklmnopqrstuvwxyz0123", error.Error, StringComparison.Ordinal);

        var broken = new FakeChatClient((m, _, _) => Solve(m))
        {
            FailCall = n => n == 1 ? new HttpRequestException("bad request", null, HttpStatusCode.BadRequest) : null,
        };
        var failed = await new EvalRunner().RunAsync(Items(3), [new EvalTarget("t", broken, "m")], [], options);
        Assert.Equal(1, failed.Failed);
        Assert.Contains("400", Assert.Single(failed.Results, r => !r.Succeeded).Error, StringComparison.Ordinal);
        Assert.Equal(3, broken.Calls);

        // By default a transient failure (429) gets one more try after the main pass; a 400 does not.
        var flakyAgain = new FakeChatClient((m, _, _) => Solve(m))
        {
            FailCall = n => n == 1 ? new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests) : null,
        };
        var recovered = await new EvalRunner().RunAsync(Items(3), [new EvalTarget("t", flakyAgain, "m")], [], new EvalRunOptions { MaxConcurrency = 1 });
        Assert.Equal(0, recovered.Failed);
        Assert.Equal(4, flakyAgain.Calls);
        var brokenAgain = new FakeChatClient((m, _, _) => Solve(m))
        {
            FailCall = n => n == 1 ? new HttpRequestException("bad request", null, HttpStatusCode.BadRequest) : null,
        };
        Assert.Equal(1, (await new EvalRunner().RunAsync(Items(3), [new EvalTarget("t", brokenAgain, "m")], [], new EvalRunOptions { MaxConcurrency = 1 })).Failed);
        Assert.Equal(3, brokenAgain.Calls);
    }

    [Fact]
    public async Task Run_async_reports_progress_and_cost()
    {
        var client = new FakeChatClient((m, _, _) => Solve(m));
        var reports = new List<EvalRunProgress>();
        var progress = new SyncProgress(reports);
        var summary = await new EvalRunner().RunAsync(Items(3), [new EvalTarget("t", client, "m")], [], new EvalRunOptions { Prices = new FlatPrices() }, progress);
        Assert.Equal(3, reports.Count);
        // Workers report concurrently, so reports can land out of order: the highest one must reach the total.
        Assert.Equal(3, reports.Max(r => r.Completed));
        Assert.Equal(3 * (10 * 1m + 2 * 2m) / 1_000_000m, summary.Targets[0].Cost);
    }

    [Fact]
    public async Task Run_async_duplicate_target_names_throw()
    {
        var client = new FakeChatClient((m, _, _) => "x");
        await Assert.ThrowsAsync<ArgumentException>(() => new EvalRunner().RunAsync(Items(1), [new EvalTarget("a", client, "m"), new EvalTarget("a", client, "n")], []));
    }

    private sealed class FlatPrices : IEvalPriceLookup
    {
        public decimal? GetCost(string modelId, long inputTokens, long outputTokens, bool batch) => (inputTokens * 1m + outputTokens * 2m) / 1_000_000m;
    }

    private sealed class SyncProgress(List<EvalRunProgress> sink) : IProgress<EvalRunProgress>
    {
        public void Report(EvalRunProgress value)
        {
            lock (sink) sink.Add(value);
        }
    }
}
