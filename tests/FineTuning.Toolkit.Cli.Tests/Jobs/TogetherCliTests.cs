using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary><c>--provider together</c> on the job commands, against the emulator's Together flavour.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class TogetherCliTests
{
    [Fact]
    public async Task Train_on_Together_waits_names_the_model_and_downloads_verified_weights_while_OpenAI_refuses_the_download()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 100, StepsPerEpoch = 4 });
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-together-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        string?[] previous = [Environment.GetEnvironmentVariable("TOGETHER_API_KEY"), Environment.GetEnvironmentVariable("OPENAI_API_KEY")];
        Environment.SetEnvironmentVariable("TOGETHER_API_KEY", emulator.ApiKey);
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        try
        {
            var data = Path.Combine(folder, "train.jsonl");
            var text = new StringBuilder();
            for (var i = 0; i < 12; i++)
            {
                text.Append("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"q").Append(i).Append("\"},{\"role\":\"assistant\",\"content\":\"a").Append(i).Append("\"}]}\n");
            }

            await File.WriteAllTextAsync(data, text.ToString());
            var url = emulator.TogetherBaseUrl.ToString();
            var (code, output, error) = await RunAsync("train", data, "--provider", "together", "--model", "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "--epochs", "2", "--suffix", "cli", "--yes", "--wait", "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.Contains("succeeded", output, StringComparison.Ordinal);
            var job = Assert.Single(emulator.State.GetJobs());
            Assert.StartsWith("ft-", job.Id, StringComparison.Ordinal);
            Assert.Contains(job.FineTunedModel!, output, StringComparison.Ordinal);
            Assert.Contains("Meta-Llama-3.1-8B-Instruct-Reference-cli-", job.FineTunedModel, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("jobs", "show", job.Id, "--provider", "together", "--base-url", url);
            Assert.True(code == 0, error);
            Assert.Contains("succeeded", output, StringComparison.Ordinal);

            var target = Path.Combine(folder, "weights", "model.tar.zst");
            (code, output, error) = await RunAsync("jobs", "download-weights", job.Id, "--out", target, "--json", "--provider", "together", "--base-url", url);
            Assert.True(code == 0, output + error);
            using (var json = JsonDocument.Parse(output))
            {
                Assert.Equal("sha256", json.RootElement.GetProperty("verified_by").GetString());
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(target))), json.RootElement.GetProperty("sha256").GetString());
            }

            (code, _, error) = await RunAsync("jobs", "download-weights", job.Id, "--provider", "openai", "--base-url", emulator.BaseUrl.ToString());
            Assert.Equal(1, code);
            Assert.Contains("only Together AI", error, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("models", "--provider", "together", "--json");
            Assert.True(code == 0, error);
            Assert.Contains("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TOGETHER_API_KEY", previous[0]);
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous[1]);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
