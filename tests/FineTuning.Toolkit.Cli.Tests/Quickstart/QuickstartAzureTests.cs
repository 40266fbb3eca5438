using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Quickstart;

/// <summary><c>ftk quickstart --emulator --provider azure</c>: trains with a training type, deploys, evaluates the deployment, deletes it.</summary>
public sealed class QuickstartAzureTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Azure_quickstart_deploys_evaluates_the_deployment_and_deletes_it_unless_kept(bool keep)
    {
        var dir = Directory.CreateTempSubdirectory("ftk-quickstart-azure-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            string[] args = ["quickstart", "--emulator", "--provider", "azure", "--out", dir, "--samples", "1", .. keep ? new[] { "--keep-deployment" } : []];
            var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);

            var text = output.ToString().Replace("\n", " ", StringComparison.Ordinal);
            Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
            Assert.Contains("Deploy", text, StringComparison.Ordinal);
            Assert.Contains("24 hours", text, StringComparison.Ordinal);  // the Developer deployment's warning
            Assert.Contains("answers", text, StringComparison.Ordinal);
            Assert.Contains(keep ? "kept deployment 'ftk-quickstart-" : "deleted deployment 'ftk-quickstart-", text, StringComparison.Ordinal);
            Assert.Matches("ok deployment 'ftk-quickstart-[a-z0-9]+' answers", text);
            Assert.True(text.IndexOf("answers", StringComparison.Ordinal) < text.IndexOf("Evaluate", StringComparison.Ordinal), "the evaluation runs after the deployment answers");
            Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
