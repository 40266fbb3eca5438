using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary>
/// The providers issue's "done means": one training file trains from the CLI on the OpenAI, Azure and Together flavours and
/// on the generic (compatible) profile, <c>train --json</c> names each tuned model in <c>fine_tuned_model</c>, each model is
/// evaluated with <c>ftk eval</c> through the same connection, and Together's weights download with a verified checksum.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ProvidersEndToEndTests
{
    private static readonly string[] Variables =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "TOGETHER_API_KEY", "TOGETHER_BASE_URL", "FTK_PROVIDER", "FTK_COMPATIBLE_API_KEY", "FTK_COMPATIBLE_BASE_URL", "FTK_COMPATIBLE_PRESET"];

    [Fact]
    public async Task The_same_file_trains_and_evaluates_on_every_provider_from_the_CLI()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 200, StepsPerEpoch = 2 });
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-providers-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        foreach (var v in Variables)
        {
            Environment.SetEnvironmentVariable(v, null);
        }

        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", emulator.ApiKey);
        Environment.SetEnvironmentVariable("TOGETHER_API_KEY", emulator.ApiKey);
        Environment.SetEnvironmentVariable("FTK_COMPATIBLE_API_KEY", emulator.ApiKey);
        try
        {
            var data = Path.Combine(folder, "train.jsonl");
            var text = new StringBuilder();
            for (var i = 0; i < 12; i++)
            {
                text.Append("{\"messages\":[{\"role\":\"system\",\"content\":\"Answer briefly.\"},{\"role\":\"user\",\"content\":\"What is code ").Append(i)
                    .Append("?\"},{\"role\":\"assistant\",\"content\":\"Code ").Append(i).Append(" means item ").Append(i * 7).Append(".\"}]}\n");
            }

            await File.WriteAllTextAsync(data, text.ToString());
            var flavours = new (string Provider, string Url, string Model)[]
            {
                ("openai", emulator.BaseUrl.ToString(), "gpt-4o-mini-2024-07-18"),
                ("azure", emulator.AzureBaseUrl.ToString(), "gpt-4o-mini-2024-07-18"),
                ("together", emulator.TogetherBaseUrl.ToString(), "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"),
                ("compatible", emulator.BaseUrl.ToString(), "gpt-4o-mini-2024-07-18"),
            };
            foreach (var (provider, url, model) in flavours)
            {
                var (code, output, error) = await RunAsync("train", data, "--provider", provider, "--base-url", url, "--model", model, "--suffix", provider, "--epochs", "3", "--yes", "--wait", "--json");
                Assert.True(code == 0, $"{provider}: {output} {error}");
                string tuned;
                using (var result = JsonDocument.Parse(output))
                {
                    Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
                    tuned = result.RootElement.GetProperty("fine_tuned_model").GetString()!;
                }

                Assert.False(string.IsNullOrEmpty(tuned), provider);
                var run = Path.Combine(folder, "run-" + provider);
                (code, output, error) = await RunAsync("eval", data, "--provider", provider, "--base-url", url, "--target", $"tuned={tuned}", "--scorer", "exact",
                    "--out", run, "--cache", Path.Combine(folder, "cache-" + provider), "--json");
                Assert.True(code == 0, $"{provider} eval: {output} {error}");
                using var summary = JsonDocument.Parse(output);
                var score = summary.RootElement.GetProperty("targets")[0].GetProperty("scores").GetProperty("exact").GetProperty("mean").GetDouble();
                Assert.True(score > 0.9, $"{provider}: the tuned model {tuned} should repeat its training answers (exact {score})");

                if (provider == "together")
                {
                    var job = emulator.State.GetJobs().Single(j => j.FineTunedModel == tuned).Id;
                    (code, output, error) = await RunAsync("jobs", "download-weights", job, "--provider", provider, "--base-url", url, "--out", Path.Combine(folder, "w.tar.zst"), "--json");
                    Assert.True(code == 0, output + error);
                    using var weights = JsonDocument.Parse(output);
                    Assert.Equal("sha256", weights.RootElement.GetProperty("verified_by").GetString());
                }
            }

            Assert.Equal(4, emulator.State.GetJobs().Count(j => j.Status == "succeeded"));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

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

            (code, output, error) = await RunAsync("validate", data, "--provider", "together", "--model", "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "--json");
            Assert.True(code == 0, output + error);
            Assert.Contains("\"together\"", output, StringComparison.Ordinal);

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
