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
            Assert.Equal(72, File.ReadLines(Path.Combine(dir, "train.jsonl")).Count());
            Assert.Equal(24, File.ReadLines(Path.Combine(dir, "eval.jsonl")).Count());
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
