using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Testing;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

/// <summary>ftk eval / compare end to end, in process, against the embedded emulator.</summary>
[Collection(nameof(FineTuning.Toolkit.Cli.Tests.Jobs.EnvironmentCollection))]
public sealed class EvalCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ftk-evalcli-" + Guid.NewGuid().ToString("N"));

    public EvalCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string Prompt(int i) => $"Which queue handles ticket {i}?";

    private static string Reply(int i) => $"Queue {(char)('A' + (i % 4))}";

    private string WriteSet(int count)
    {
        var path = Path.Combine(_dir, "set.jsonl");
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.AppendLine(JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = Prompt(i) }, new { role = "assistant", content = Reply(i) } } }));
        }
        File.WriteAllText(path, builder.ToString());
        return path;
    }

    /// <summary>Trains a model on <paramref name="emulator"/> (it memorises the replies) and returns its id.</summary>
    private async Task<string> TrainAsync(OpenAIEmulator emulator, EmulatorClock clock, int count)
    {
#pragma warning disable OPENAI001
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(File.ReadAllText(WriteSet(count))), "train.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false);
        for (var i = 0; i < 100 && job.Status != FineTuningStatus.Succeeded; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await job.UpdateStatusAsync();
        }
        Assert.Equal(FineTuningStatus.Succeeded, job.Status);
        return emulator.State.GetJobs().Last().FineTunedModel!;
#pragma warning restore OPENAI001
    }

    [Fact]
    public async Task Eval_base_vs_tuned_then_compare_says_better()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 2,
            StepDuration = TimeSpan.FromSeconds(1),
        });
        var model = await TrainAsync(emulator, clock, 20);
        var set = WriteSet(20);
        // The key reaches the CLI through an environment variable of the test's own name (never a command-line argument).
        var keyVariable = "FTK_EVALCLI_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(keyVariable, emulator.ApiKey);
        string[] connection = ["--provider", "openai", "--base-url", emulator.BaseUrl.ToString(), "--api-key-env", keyVariable];
        var run = Path.Combine(_dir, "run");
        var cache = Path.Combine(_dir, "cache");

        var (code, output, error) = await RunAsync(["eval", set, .. connection, "--target", "base=gpt-4o-mini", "--target", $"tuned={model}",
            "--scorer", "exact", "--out", run, "--cache", cache, "--json"]);

        Assert.True(code == 0, error + output);
        using var summary = JsonDocument.Parse(output);
        var targets = summary.RootElement.GetProperty("targets");
        Assert.Equal(20, summary.RootElement.GetProperty("items").GetInt32());
        Assert.Equal(1.0, targets[1].GetProperty("scores").GetProperty("exact").GetProperty("mean").GetDouble());
        Assert.True(targets[0].GetProperty("scores").GetProperty("exact").GetProperty("mean").GetDouble() < 0.3);
        Assert.True(targets[1].GetProperty("input_tokens").GetInt64() > 0);
        Assert.True(File.Exists(Path.Combine(run, "results.jsonl")));
        Assert.True(File.Exists(Path.Combine(run, "run.json")));
        // Two targets: eval itself compares the second with the first (the baseline).
        var evalComparison = summary.RootElement.GetProperty("comparisons")[0];
        Assert.Equal("base", evalComparison.GetProperty("baseline").GetString());
        Assert.Equal("tuned", evalComparison.GetProperty("candidate").GetString());
        Assert.Equal("better", evalComparison.GetProperty("verdict").GetString());
        Assert.True(evalComparison.GetProperty("p_value").GetDouble() < 0.05);

        var (compareCode, compareOut, compareErr) = await RunAsync("compare", run, run, "--json");
        Assert.True(compareCode == 0, compareErr);
        using var comparison = JsonDocument.Parse(compareOut);
        Assert.Equal("better", comparison.RootElement[0].GetProperty("verdict").GetString());
        Assert.Equal("base", comparison.RootElement[0].GetProperty("baseline").GetString());
        Assert.Equal(evalComparison.GetProperty("ci_low").GetDouble(), comparison.RootElement[0].GetProperty("ci_low").GetDouble());

        // Non-inferiority: tuned is non-inferior to base; base is not non-inferior to tuned, so the gate fails.
        var (marginCode, marginOut, marginErr) = await RunAsync("compare", run, run, "--margin", "0.05", "--fail-on-worse");
        Assert.True(marginCode == 0, marginErr + marginOut);
        Assert.True(marginOut.Contains("better; non-inferior", StringComparison.Ordinal), marginOut);
        Assert.Contains("<0.0001", marginOut, StringComparison.Ordinal);
        Assert.Contains("lower bound", marginOut, StringComparison.Ordinal);
        var (reverseCode, reverseOut, _) = await RunAsync("compare", run, run, "--target-a", "tuned", "--target-b", "base", "--margin", "0.05", "--fail-on-worse", "--json");
        Assert.Equal(1, reverseCode);
        using var reverse = JsonDocument.Parse(reverseOut);
        Assert.Equal("worse", reverse.RootElement[0].GetProperty("verdict").GetString());
        Assert.False(reverse.RootElement[0].GetProperty("non_inferiority").GetProperty("non_inferior").GetBoolean());
        Assert.Equal(0.05, reverse.RootElement[0].GetProperty("non_inferiority").GetProperty("margin").GetDouble());
        Assert.Equal(2, (await RunAsync("compare", run, run, "--margin", "-1")).Code);

        // eval --fail-on-worse with the fine-tuned model as the baseline: base is worse, exit 1 (answers from the cache).
        var (worseCode, worseOut, worseErr) = await RunAsync(["eval", set, .. connection, "--target", $"tuned={model}", "--target", "base=gpt-4o-mini",
            "--out", Path.Combine(_dir, "run-reversed"), "--cache", cache, "--fail-on-worse"]);
        Assert.True(worseCode == 1, worseErr + worseOut);
        Assert.Contains("base vs tuned", worseOut, StringComparison.Ordinal);
        Assert.Contains("worse", worseOut, StringComparison.Ordinal);

        // The same run again is served from the cache (the table output path, no JSON).
        var before = emulator.State.CountRequests("POST", "/v1/chat/completions");
        var (again, table, againErr) = await RunAsync(["eval", set, .. connection, "--target", "base=gpt-4o-mini", "--target", $"tuned={model}",
            "--out", Path.Combine(_dir, "run2"), "--cache", cache, "--report", Path.Combine(_dir, "report.html")]);
        Assert.Equal(before, emulator.State.CountRequests("POST", "/v1/chat/completions"));
        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("better", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.True(again == 0, againErr);
        Assert.Contains("exact", table, StringComparison.Ordinal);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "run2", "run.json")));
        Assert.All(manifest.RootElement.GetProperty("targets").EnumerateArray(), t => Assert.Equal(20, t.GetProperty("cached").GetInt32()));
    }

    [Fact]
    public async Task Eval_malformed_lines_are_listed_with_line_numbers_exit_code_1()
    {
        var set = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(set, "{\"id\": \"a\", \"prompt\": \"ok\"}\n{broken\n{\"id\": \"b\", \"input\": []}\n");

        var (code, _, error) = await RunAsync("eval", set, "--emulator", "--target", "base=gpt-4o-mini");

        Assert.Equal(1, code);
        Assert.Contains("bad.jsonl:2:", error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3:", error, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_usage_errors_exit_code_2()
    {
        var set = WriteSet(2);
        Assert.Equal(2, (await RunAsync("eval", set, "--emulator", "--target", "=gpt-4o-mini")).Code);
        Assert.Equal(2, (await RunAsync("eval", set, "--emulator", "--target", "a=m", "--target", "a=n")).Code);
        Assert.Equal(2, (await RunAsync("eval", Path.Combine(_dir, "missing.jsonl"), "--emulator", "--target", "a=m")).Code);
        var (code, _, error) = await RunAsync("eval", set, "--emulator", "--target", "a=gpt-4o-mini", "--scorer", "no-such-scorer", "--no-cache", "--out", Path.Combine(_dir, "r"));
        Assert.Equal(2, code);
        Assert.Contains("no-such-scorer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_scorer_failing_on_every_item_is_shown_as_failed_exit_code_1()
    {
        var set = Path.Combine(_dir, "noref.jsonl");
        File.WriteAllText(set, "{\"id\": \"a\", \"prompt\": \"hello\"}\n{\"id\": \"b\", \"prompt\": \"again\"}\n");

        var (code, output, error) = await RunAsync("eval", set, "--emulator", "--target", "base=gpt-4o-mini", "--scorer", "exact", "--no-cache", "--out", Path.Combine(_dir, "noref"), "--json");

        Assert.True(code == 1, error + output);
        using var summary = JsonDocument.Parse(output);
        var exact = summary.RootElement.GetProperty("targets")[0].GetProperty("scores").GetProperty("exact");
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("mean").ValueKind);
        Assert.True(exact.GetProperty("failed").GetBoolean());
        Assert.Contains("no reference", exact.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("failed on every sample", error, StringComparison.Ordinal);

        var (tableCode, table, _) = await RunAsync("eval", set, "--emulator", "--target", "base=gpt-4o-mini", "--scorer", "exact", "--no-cache", "--out", Path.Combine(_dir, "noref2"));
        Assert.Equal(1, tableCode);
        Assert.Contains("failed", table, StringComparison.Ordinal);
        Assert.Matches(@"exact\s+\S\s+failed", table); // the mean column says failed, not 0.000
    }

    [Fact]
    public async Task Compare_not_a_run_directory_exit_code_2()
    {
        var (code, _, error) = await RunAsync("compare", _dir, _dir);
        Assert.Equal(2, code);
        Assert.Contains("not a run directory", error, StringComparison.Ordinal);
    }
}
