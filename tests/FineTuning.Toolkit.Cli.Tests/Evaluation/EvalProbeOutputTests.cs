using static FineTuning.Toolkit.Cli.Tests.CliRun;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

/// <summary>Issue 15: eval says why calls failed, refuses a --target without a name, and probe prints tables.</summary>
public sealed class EvalProbeOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-evalout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Set()
    {
        var path = Path.Combine(_dir, "set.jsonl");
        File.WriteAllText(path, string.Concat(Enumerable.Range(0, 5).Select(i => $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"q{i}\"}},{{\"role\":\"assistant\",\"content\":\"a{i}\"}}]}}\n")));
        return path;
    }

    [Fact]
    public async Task Eval_failures_print_their_reason_with_a_count()
    {
        var (code, output, error) = await RunAsync("eval", Set(), "--target", "ok=gpt-4o-mini-2024-07-18", "--target", "bad=no-such-model-x", "--emulator", "--no-cache", "--out", Path.Combine(_dir, "run"));
        Assert.True(code == 1, output + error);
        Assert.Contains("5 model call(s) failed:", error, StringComparison.Ordinal);
        Assert.Contains("5 x target 'bad':", error, StringComparison.Ordinal);
        Assert.Contains("no-such-model-x", error, StringComparison.Ordinal);
        Assert.DoesNotContain("target 'ok'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_without_a_name_is_refused()
    {
        var (code, _, error) = await RunAsync("eval", Set(), "--target", "gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, code);
        Assert.Contains("--target 'gpt-4o-mini-2024-07-18' must be NAME=MODEL, e.g. --target base=gpt-4o-mini-2024-07-18", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "run", "results.jsonl")));
    }

    [Fact]
    public async Task Probe_without_json_prints_a_table_not_json()
    {
        var (code, output, error) = await RunAsync("probe", "--kind", "memorization", "--emulator", "--training", Set(), "--limit", "3",
            "--target", "base=gpt-4o-mini-2024-07-18", "--target", "other=gpt-4.1-mini-2025-04-14");
        Assert.True(code == 0, output + error);
        Assert.Contains("verbatim rate", output, StringComparison.Ordinal);
        Assert.Contains("base", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"target\"", output, StringComparison.Ordinal);
    }
}
