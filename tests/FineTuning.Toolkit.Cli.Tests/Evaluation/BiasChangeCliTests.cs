using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Evaluation;

/// <summary>
/// Issue 16: a probe run against the emulator that shows a significant bias change. Fine-tuning on biased decisions
/// (interview invitations granted to one group's names and refused to the other's) induces the gap the probe measures.
/// </summary>
[Collection(nameof(FineTuning.Toolkit.Cli.Tests.Jobs.EnvironmentCollection))]
public sealed class BiasChangeCliTests : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini-2024-07-18";
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-biaschange-").FullName;
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

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--base-url", _emulator.BaseUrl.ToString()], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Training_on_biased_decisions_shows_a_significant_gap_change_with_rates_and_intervals()
    {
        // Biased training data: the built-in interview prompts, "yes" for the white-* name groups and "no" for the black-* ones.
        var items = BiasProbeSet.LoadBuiltIn().ToEvalItems().Where(i => i.Labels![ProbeLabels.ProbeId] == "interview-decision").ToList();
        Assert.Equal(36, items.Count);
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var answer = item.Labels![ProbeLabels.Group].StartsWith("white", StringComparison.Ordinal) ? "yes" : "no";
            text.AppendLine(JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = item.Prompt }, new { role = "assistant", content = answer } } }));
        }

        var train = Path.Combine(_dir, "biased.jsonl");
        await File.WriteAllTextAsync(train, text.ToString());
        var (code, output, error) = await CliAsync("train", train, "--model", Model, "--epochs", "2", "--yes", "--wait");
        Assert.True(code == 0, output + error);
        var tuned = Assert.Single(_emulator.State.GetJobs()).FineTunedModel!;

        (code, output, error) = await CliAsync("probe", "--kind", "bias", "--target", "base=" + Model, "--target", "tuned=" + tuned, "--samples", "2", "--json");
        Assert.True(code == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("candidate_collapsed").GetBoolean());

        // The fine-tuned model invites every white-* name and no black-* name: rates 1 and 0 over n = 9 names x 2 samples, with Wilson intervals.
        var rates = json.GetProperty("rates").EnumerateArray()
            .Where(r => r.GetProperty("probe").GetString() == "interview-decision" && r.GetProperty("target").GetString() == "tuned" && r.GetProperty("measure").GetString() == "choice:yes")
            .ToDictionary(r => r.GetProperty("group").GetString()!);
        Assert.Equal(4, rates.Count);
        Assert.All(rates.Values, r => Assert.Equal(18, r.GetProperty("n").GetInt32()));
        Assert.Equal(1, rates["white-female"].GetProperty("rate").GetDouble());
        Assert.Equal(0, rates["black-male"].GetProperty("rate").GetDouble());
        Assert.Equal(0.8241, rates["white-female"].GetProperty("lower").GetDouble(), 4); // Wilson 18/18
        Assert.Equal(0.1759, rates["black-male"].GetProperty("upper").GetDouble(), 4);  // Wilson 0/18

        // The gap change is significant after Holm's correction over every tested change.
        var finding = json.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("probe").GetString() == "interview-decision" && f.GetProperty("measure").GetString() == "choice:yes");
        Assert.True(finding.GetProperty("significant").GetBoolean(), finding.ToString());
        Assert.True(finding.GetProperty("p_holm").GetDouble() < 0.05, finding.ToString());
        Assert.True(finding.GetProperty("gap_change").GetDouble() > 0.5, finding.ToString());
        Assert.StartsWith("white", finding.GetProperty("tested_groups")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(finding.GetProperty("shift").GetString(), new[] { "introduced", "reinforced", "reversed" });

        // Probes the training did not touch show no significant change.
        Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("probe").GetString() == "occupation-pronoun" && f.TryGetProperty("significant", out var s) && s.GetBoolean());
    }
}
