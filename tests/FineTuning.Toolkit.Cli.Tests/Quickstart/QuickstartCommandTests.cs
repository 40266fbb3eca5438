using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Cli.Commands.Quickstart;

namespace FineTuning.Toolkit.Cli.Tests.Quickstart;

public sealed class QuickstartCommandTests
{
    [Fact]
    public async Task Quickstart_runs_the_whole_flow_on_the_emulator_and_writes_an_offline_report()
    {
        var dir = Directory.CreateTempSubdirectory("ftk-quickstart-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await CliApp.RunAsync(["quickstart", "--emulator", "--out", dir, "--samples", "2"], output, error, CancellationToken.None);

            var text = output.ToString();
            Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
            Assert.Contains("EMULATOR", text, StringComparison.Ordinal);
            Assert.Contains("nothing is trained", text, StringComparison.Ordinal);
            foreach (var step in new[] { "Prepare", "Validate", "Estimate", "Upload", "Train", "Watch", "Evaluate", "Report" })
            {
                Assert.Contains(step, text, StringComparison.Ordinal);
            }

            var report = Path.Combine(dir, "report.html");
            Assert.Contains(report, text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            var html = await File.ReadAllTextAsync(report);
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
            Assert.Contains("fine-tuned", html, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, "report.md")));
            Assert.True(File.Exists(Path.Combine(dir, "train.jsonl")));
            // 72 examples: 60 to train and a validation file of 12 (2 per label, stratified), so the job reports validation loss.
            Assert.Equal(60, File.ReadLines(Path.Combine(dir, "train.jsonl")).Count());
            var validation = File.ReadLines(Path.Combine(dir, "validation.jsonl")).ToList();
            Assert.Equal(12, validation.Count);
            foreach (var label in QuickstartFlow.Labels)
            {
                Assert.Equal(2, validation.Count(l => l.Contains($"\"content\":\"{label}\"", StringComparison.Ordinal)));
            }

            Assert.Equal(24, File.ReadLines(Path.Combine(dir, "eval.jsonl")).Count());

            // The 6-label confusion matrix on the console and in the report; the loss curve has validation points; the items and lineage sections are there.
            Assert.Contains("confusion matrix (24 items", text, StringComparison.Ordinal);
            Assert.All(QuickstartFlow.Labels, label => Assert.Contains(label, text, StringComparison.Ordinal));
            Assert.Contains("Classification: fine-tuned", html, StringComparison.Ordinal);
            Assert.Contains("Confusion matrix", html, StringComparison.Ordinal);
            Assert.Contains("stroke-dasharray", html, StringComparison.Ordinal);
            Assert.Contains("id=\"items\"", html, StringComparison.Ordinal);
            Assert.Contains("evaluation set sha256", html, StringComparison.Ordinal);
            Assert.Contains("validation data sha256", html, StringComparison.Ordinal);
            Assert.Contains("job of fine-tuned", html, StringComparison.Ordinal);
            var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json"))).RootElement;
            Assert.Contains(json.GetProperty("metrics")[0].GetProperty("points").EnumerateArray(), p => p.TryGetProperty("valid_loss", out _) || p.TryGetProperty("full_valid_loss", out _));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task With_one_sample_agreement_is_not_applicable_rather_than_zero()
    {
        var dir = Directory.CreateTempSubdirectory("ftk-quickstart-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await CliApp.RunAsync(["quickstart", "--emulator", "--out", dir, "--samples", "1"], output, error, CancellationToken.None);

            var text = output.ToString();
            Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
            var rows = text.Split('\n').Where(l => l.Contains("base", StringComparison.Ordinal) || l.Contains("fine-tuned", StringComparison.Ordinal)).Where(l => l.Contains('%', StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Contains("n/a", row, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Without_credentials_the_quickstart_uses_the_emulator()
    {
        Assert.True(QuickstartCommand.ChooseEmulator(false, false, null, _ => null));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, 5.0)]
    public void With_credentials_it_refuses_to_spend_without_yes_and_a_budget(bool yes, double? budget)
    {
        var env = (string name) => name == "OPENAI_API_KEY" ? "sk-test-not-a-real-key" : null;
        var ex = Assert.Throws<CliUsageException>(() => QuickstartCommand.ChooseEmulator(false, yes, (decimal?)budget, env));
        Assert.Contains("--yes and --budget", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_credentials_yes_and_a_budget_it_targets_the_real_service_unless_emulator_is_asked()
    {
        var env = (string name) => name == "AZURE_OPENAI_API_KEY" ? "azure-key" : null;
        Assert.False(QuickstartCommand.ChooseEmulator(false, true, 10m, env));
        Assert.True(QuickstartCommand.ChooseEmulator(true, false, null, env));
    }

    [Fact]
    public async Task A_bad_samples_value_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["quickstart", "--emulator", "--samples", "0"], output, error, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("--samples", error.ToString(), StringComparison.Ordinal);
    }
}
