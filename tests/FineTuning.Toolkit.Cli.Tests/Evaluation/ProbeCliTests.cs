using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

public sealed class ProbeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-probe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "data", name);
            if (File.Exists(path)) return path;
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public async Task Bias_probe_runs_the_built_in_set_on_two_models_and_reports_gap_changes()
    {
        var report = Path.Combine(_dir, "bias.html");
        var (code, output, error) = await RunAsync("probe", "--kind", "bias", "--emulator",
            "--target", "base=gpt-4o-mini-2024-07-18", "--target", "other=gpt-4.1-mini-2025-04-14", "--json", "--report", report);

        Assert.True(code == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("bias", json.RootElement.GetProperty("kind").GetString());
        Assert.True(json.RootElement.GetProperty("items").GetInt32() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("findings").ValueKind);
        Assert.Contains("<svg", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memorization_probe_reads_the_training_file_and_reports_both_models()
    {
        var (code, output, error) = await RunAsync("probe", "--kind", "memorization", "--emulator", "--training", Sample("gsm8k-chat-50.jsonl"),
            "--limit", "5", "--target", "base=gpt-4o-mini-2024-07-18", "--target", "other=gpt-4.1-mini-2025-04-14", "--json");

        Assert.True(code == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings");
        Assert.Equal(2, findings.GetArrayLength());
        Assert.Equal("base", findings[0].GetProperty("target").GetString());
        Assert.True(findings[0].GetProperty("outputs").GetInt32() > 0);
    }

    [Theory]
    [InlineData("drift")]
    [InlineData("memorization")]
    public async Task Drift_and_memorization_need_the_training_file(string kind)
    {
        var (code, _, error) = await RunAsync("probe", "--kind", kind, "--emulator", "--target", "a=gpt-4o-mini", "--target", "b=gpt-4o-mini-2024-07-18");
        Assert.Equal(2, code);
        Assert.Contains("--training", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_target_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("probe", "--kind", "bias", "--emulator", "--target", "a=gpt-4o-mini");
        Assert.Equal(2, code);
        Assert.Contains("twice", error, StringComparison.Ordinal);
    }
}
