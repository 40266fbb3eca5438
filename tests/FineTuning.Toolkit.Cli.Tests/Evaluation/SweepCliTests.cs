using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

/// <summary>Issue 16: <c>ftk sweep</c> end to end against the emulator: one budget, the overfitting curve, the recommendation.</summary>
[Collection(nameof(FineTuning.Toolkit.Cli.Tests.Jobs.EnvironmentCollection))]
public sealed class SweepCliTests : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini-2024-07-18";
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-sweep-").FullName;
    private OpenAIEmulator _emulator = null!;
    private string? _previousKey;

    public async Task InitializeAsync()
    {
        _emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 100, StepsPerEpoch = 2 });
        _previousKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", _emulator.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", _previousKey);
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, int from, int count)
    {
        var text = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"Which queue handles ticket ").Append(i).Append("?\"},{\"role\":\"assistant\",\"content\":\"Queue ").Append((char)('A' + (i % 4))).Append("\"}]}\n");
        }

        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--base-url", _emulator.BaseUrl.ToString()], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Many_epochs_on_little_data_overfit_and_the_sweep_recommends_fewer_epochs_with_the_reason()
    {
        var train = Write("train.jsonl", 0, 20);
        var validation = Write("valid.jsonl", 100, 10);
        var evalSet = Write("eval.jsonl", 0, 12);
        var report = Path.Combine(_dir, "sweep.html");

        var (code, output, error) = await CliAsync("sweep", train, "--validation", validation, "--eval", evalSet, "--epochs", "1,3,10",
            "--model", Model, "--budget", "50", "--scorer", "exact", "--json", "--report", report, "--out", Path.Combine(_dir, "run"));
        Assert.True(code == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("completed", json.GetProperty("outcome").GetString());
        Assert.Equal(3, _emulator.State.GetJobs().Count);
        var candidates = json.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["1 epoch", "3 epochs", "10 epochs"], candidates.Keys);
        Assert.All(candidates.Values, c => Assert.StartsWith("ft:", c.GetProperty("model").GetString(), StringComparison.Ordinal));
        Assert.All(candidates.Values, c => Assert.StartsWith("ftjob-", c.GetProperty("job").GetString(), StringComparison.Ordinal));

        // The overfitting curve: validation loss is lowest at 3 epochs and turns up at 10, while the training loss keeps falling.
        double Valid(string name) => candidates[name].GetProperty("valid_loss").GetDouble();
        double TrainLoss(string name) => candidates[name].GetProperty("train_loss").GetDouble();
        Assert.True(Valid("3 epochs") < Valid("1 epoch"), output);
        Assert.True(Valid("10 epochs") > Valid("3 epochs"), output);
        Assert.True(TrainLoss("10 epochs") < TrainLoss("3 epochs"), output);

        // Every final model answers the trained prompts alike, so no score difference is significant and the validation loss decides.
        var recommended = json.GetProperty("recommended").GetString();
        Assert.Equal("3 epochs", recommended);
        Assert.NotEqual("10 epochs", recommended);
        Assert.Contains("not significantly worse", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("validation loss", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Overfitting in 10 epochs", StringComparison.Ordinal));
        var comparisons = json.GetProperty("comparisons").EnumerateArray().ToList();
        Assert.Equal(2, comparisons.Count);
        Assert.All(comparisons, c => Assert.Equal(12, c.GetProperty("paired_items").GetInt32()));

        var html = File.ReadAllText(report);
        Assert.Contains("10 epochs", html, StringComparison.Ordinal);
        Assert.Contains("Recommended", html, StringComparison.OrdinalIgnoreCase);

        // The same command again reuses the three jobs (same data and settings) instead of paying twice; the human output names the pick.
        (code, output, error) = await CliAsync("sweep", train, "--validation", validation, "--eval", evalSet, "--epochs", "1,3,10",
            "--model", Model, "--budget", "50", "--out", Path.Combine(_dir, "run2"));
        Assert.True(code == 0, output + error);
        Assert.Equal(3, _emulator.State.GetJobs().Count);
        Assert.Contains("reused", output, StringComparison.Ordinal);
        Assert.Contains("Recommended: 3 epochs.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_budget_for_the_whole_sweep_refuses_before_anything_is_uploaded()
    {
        var train = Write("train.jsonl", 0, 20);
        var evalSet = Write("eval.jsonl", 0, 5);

        // Each configuration alone would fit a cap that their sum exceeds.
        var (code, output, error) = await CliAsync("sweep", train, "--eval", evalSet, "--epochs", "1,2", "--model", Model, "--budget", "0.0001", "--json");
        Assert.True(code == 1, output + error);
        Assert.Contains("over budget", error, StringComparison.Ordinal);
        Assert.Contains("2 job(s)", error, StringComparison.Ordinal);
        Assert.Empty(_emulator.State.GetFiles());
        Assert.Empty(_emulator.State.GetJobs());

        (code, output, error) = await CliAsync("sweep", train, "--eval", evalSet, "--epochs", "1,3", "--model", Model);
        Assert.True(code == 2, output + error);
        Assert.Contains("pass --yes (or --budget USD)", error, StringComparison.Ordinal);
        Assert.Empty(_emulator.State.GetJobs());

        (code, output, error) = await CliAsync("sweep", "--eval", evalSet, "--epochs", "1,3", "--model", Model);
        Assert.True(code == 2, output + error);
        Assert.Contains("--epochs needs the training file", error, StringComparison.Ordinal);

        (code, output, error) = await CliAsync("sweep", train, "--eval", evalSet, "--epochs", "1,99", "--model", Model, "--yes");
        Assert.True(code == 2, output + error);
        Assert.Contains("--epochs '99'", error, StringComparison.Ordinal);
    }
}
