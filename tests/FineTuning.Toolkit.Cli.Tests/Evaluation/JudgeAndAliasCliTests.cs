using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

/// <summary>Issue 16: the same scorer twice under two names, and the pairwise judge (position swap, repetitions, flip rate) from <c>ftk eval</c>.</summary>
public sealed class JudgeAndAliasCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-judgecli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private string WriteSet(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.AppendLine(JsonSerializer.Serialize(new { id = $"q{i}", input = new object[] { new { role = "user", content = $"Is ticket {i} urgent? Answer yes or no." } }, reference = i % 2 == 0 ? "yes" : "no" }));
        }

        var path = Path.Combine(_dir, "set.jsonl");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task One_scorer_runs_twice_under_two_names_and_the_pairwise_judge_reports_swaps_and_flip_rate()
    {
        var set = WriteSet(8);
        var (code, output, error) = await RunAsync("eval", set, "--emulator", "-t", "base=gpt-4o-mini-2024-07-18", "-t", "other=gpt-4.1-mini-2025-04-14",
            "--scorer", "exact", "--scorer", "loose=contains", "--scorer", "strict=regex:^(yes|no)$", "--judge", "gpt-4.1-mini-2025-04-14", "--pairwise", "--judge-repeats", "2",
            "--no-cache", "--out", Path.Combine(_dir, "run"), "--json");
        Assert.True(code is 0 or 1, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        var scores = json.GetProperty("targets")[0].GetProperty("scores");
        Assert.True(scores.TryGetProperty("exact", out _));
        Assert.True(scores.TryGetProperty("loose", out _));
        Assert.True(scores.TryGetProperty("strict", out _));

        var judge = Assert.Single(json.GetProperty("pairwise_judge").EnumerateArray());
        Assert.Equal("base", judge.GetProperty("baseline").GetString());
        Assert.Equal("other", judge.GetProperty("candidate").GetString());
        Assert.Equal(2, judge.GetProperty("repetitions").GetInt32());
        Assert.Equal(8, judge.GetProperty("baseline_wins").GetInt32() + judge.GetProperty("candidate_wins").GetInt32() + judge.GetProperty("ties").GetInt32());

        // 8 items x 2 repetitions x 2 orders = 32 verdicts; the parsed pairs are what the flip rate is over.
        var pairs = judge.GetProperty("swap_pairs").GetInt32();
        Assert.InRange(pairs + (judge.GetProperty("unparsed").GetInt32() / 2), 0, 16);
        Assert.InRange(judge.GetProperty("flip_rate").GetDouble(), 0, 1);
        Assert.Equal("gpt-4.1-mini-2025-04-14", json.GetProperty("lineage").GetProperty("judge_model").GetString());
        Assert.Equal(64, json.GetProperty("lineage").GetProperty("eval_set_sha256").GetString()!.Length);
    }

    [Fact]
    public async Task Two_scorers_with_one_name_are_refused_with_the_alias_hint()
    {
        var set = WriteSet(2);
        var (code, _, error) = await RunAsync("eval", set, "--emulator", "-t", "base=gpt-4o-mini-2024-07-18", "--scorer", "f1", "--scorer", "f1:0.5", "--no-cache", "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, code);
        Assert.Contains("Two scorers are named 'f1'", error, StringComparison.Ordinal);
        Assert.Contains("ALIAS=spec", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("eval", set, "--emulator", "-t", "base=gpt-4o-mini-2024-07-18", "--pairwise", "--no-cache");
        Assert.Equal(2, code);
        Assert.Contains("--pairwise needs --judge MODEL", error, StringComparison.Ordinal);
    }
}
