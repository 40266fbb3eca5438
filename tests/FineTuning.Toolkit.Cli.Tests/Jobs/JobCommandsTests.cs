using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary>
/// The tests that change the process environment run alone, one at a time. While they run, FTK_POLL_INTERVAL caps job
/// polling at 0.2 s (the emulator's jobs finish in seconds; the default waits 30 s between polls of a queued job).
/// </summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection : ICollectionFixture<EnvironmentCollection.FastPolling>
{
    /// <summary>Sets FTK_POLL_INTERVAL for the collection and restores it after.</summary>
    public sealed class FastPolling : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("FTK_POLL_INTERVAL");

        public FastPolling() => Environment.SetEnvironmentVariable("FTK_POLL_INTERVAL", "0.2");

        public void Dispose() => Environment.SetEnvironmentVariable("FTK_POLL_INTERVAL", _previous);
    }
}

/// <summary>End-to-end job commands against the emulator. They read OPENAI_API_KEY, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class JobCommandsTests
{
    [Fact]
    public async Task Upload_train_list_show_metrics_and_export_end_to_end()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 100, StepsPerEpoch = 4 });
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-jobs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var previous = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        try
        {
            var data = Path.Combine(folder, "train.jsonl");
            var text = new StringBuilder();
            for (var i = 0; i < 12; i++)
            {
                text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").Append(i).Append("\"},{\"role\":\"assistant\",\"content\":\"a").Append(i).Append("\"}]}\n");
            }

            await File.WriteAllTextAsync(data, text.ToString());
            var url = emulator.BaseUrl.ToString();

            var (code, output, error) = await RunAsync("upload", data, "--base-url", url);
            Assert.True(code == 0, error);
            Assert.Contains("file-", output, StringComparison.Ordinal);

            (code, _, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--base-url", url);
            Assert.Equal(2, code);
            Assert.Contains("--yes", error, StringComparison.Ordinal);
            Assert.Empty(emulator.State.GetJobs());

            (code, output, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "2", "--suffix", "cli", "--yes", "--wait", "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.Contains("Plan:", output, StringComparison.Ordinal);
            Assert.Contains("succeeded", output, StringComparison.Ordinal);
            var jobId = Assert.Single(emulator.State.GetJobs()).Id;

            (code, output, _) = await RunAsync("jobs", "list", "--json", "--base-url", url);
            Assert.Equal(0, code);
            Assert.Equal(jobId, JsonDocument.Parse(output).RootElement[0].GetProperty("id").GetString());

            (code, output, _) = await RunAsync("jobs", "show", jobId, "--base-url", url);
            Assert.Equal(0, code);
            Assert.Contains("succeeded", output, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("jobs", "metrics", jobId, "--base-url", url);
            Assert.True(code == 0, error);
            Assert.Contains("recommended checkpoint", output, StringComparison.Ordinal);

            (code, output, _) = await RunAsync("jobs", "events", jobId, "--base-url", url);
            Assert.Equal(0, code);
            Assert.Contains("Created fine-tuning job", output, StringComparison.Ordinal);

            (code, output, _) = await RunAsync("watch", jobId, "--base-url", url);
            Assert.Equal(0, code);
            Assert.Contains("succeeded", output, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("export", Path.Combine(folder, "export"), "--base-url", url);
            Assert.True(code == 0, error);
            Assert.Contains("Exported 1 jobs", output, StringComparison.Ordinal);

            (code, _, error) = await RunAsync("jobs", "show", "ftjob-missing", "--base-url", url);
            Assert.Equal(1, code);
            Assert.Contains("does not exist", error, StringComparison.Ordinal);
            Assert.DoesNotContain(emulator.ApiKey, output + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Jobs_pause_resume_checkpoints_and_cancel_end_to_end()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 2,
            StepDuration = TimeSpan.FromSeconds(10),
        });
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-jobs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var previous = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        try
        {
            var data = Path.Combine(folder, "train.jsonl");
            var text = new StringBuilder();
            for (var i = 0; i < 12; i++)
            {
                text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").Append(i).Append("\"},{\"role\":\"assistant\",\"content\":\"a").Append(i).Append("\"}]}\n");
            }

            await File.WriteAllTextAsync(data, text.ToString());
            var url = emulator.BaseUrl.ToString();
            var (code, output, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "2", "--suffix", "one", "--yes", "--base-url", url);
            Assert.True(code == 0, output + error);
            var jobId = Assert.Single(emulator.State.GetJobs()).Id;

            clock.Advance(TimeSpan.FromSeconds(5));
            (code, output, error) = await RunAsync("jobs", "pause", jobId, "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.Contains("paus", Assert.Single(emulator.State.GetJobs()).Status, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("jobs", "resume", jobId, "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.DoesNotContain("paus", Assert.Single(emulator.State.GetJobs()).Status, StringComparison.Ordinal);

            clock.Advance(TimeSpan.FromMinutes(10));
            (code, output, error) = await RunAsync("jobs", "checkpoints", jobId, "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.Contains("train_loss=", output, StringComparison.Ordinal);
            Assert.Contains("step", output, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "2", "--suffix", "two", "--yes", "--base-url", url);
            Assert.True(code == 0, output + error);
            var second = emulator.State.GetJobs().Single(j => j.Id != jobId).Id;
            (code, output, error) = await RunAsync("jobs", "cancel", second, "--base-url", url);
            Assert.True(code == 0, output + error);
            Assert.Equal("cancelled", emulator.State.GetJobs().Single(j => j.Id == second).Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Connection_comes_from_the_environment_for_both_providers()
    {
        var openai = CliConnection.Resolve(new FineTuningToolkitOptions(), n => n switch { "OPENAI_API_KEY" => "sk-1", "OPENAI_BASE_URL" => "http://127.0.0.1:1/v1", _ => null });
        Assert.Equal(FineTuningProvider.OpenAI, openai.Provider);
        Assert.Equal("http://127.0.0.1:1/v1/", openai.BaseAddress!.ToString());
        var azure = CliConnection.Resolve(new FineTuningToolkitOptions(), n => n switch { "AZURE_OPENAI_API_KEY" => "az", "AZURE_OPENAI_ENDPOINT" => "https://r.openai.azure.com", _ => null });
        Assert.Equal(FineTuningProvider.Azure, azure.Provider);
        Assert.Equal("https://r.openai.azure.com/openai/v1/", azure.BaseAddress!.ToString());
        var ex = Assert.Throws<CliUsageException>(() => CliConnection.Resolve(new FineTuningToolkitOptions(), _ => null));
        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
