using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>Issue 17: the emulator as a robust server (persistence, malformed bodies, bounded bodies, expiry, headers).</summary>
public sealed class ServerRobustnessTests
{
    [Fact]
    public async Task Data_path_that_is_a_file_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = path }));
            Assert.Contains("is a file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task State_file_with_a_path_in_a_file_id_is_refused_and_nothing_is_written_outside()
    {
        var folder = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        var id = "../../escaped-" + Guid.NewGuid().ToString("N");
        var outside = Path.GetFullPath(Path.Combine(folder, "files", id));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "emulator-state.json"),
                $$$"""{"sequence":1,"files":[{"id":"{{{id}}}","filename":"a.jsonl","purpose":"fine-tune","created_at":1,"expires_at":null,"sequence":1}]}""");
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = folder }));
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(outside));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_shape_state_file_is_a_clear_error_not_a_null_reference()
    {
        var folder = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "emulator-state.json"), """{"files":[{"filename":"a.jsonl"}],"jobs":[{"id":"ftjob-1"}]}""");
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = folder }));
            Assert.Contains("expected shape", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task State_is_saved_after_each_change_not_only_on_exit()
    {
        var folder = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = folder });
            var id = (await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune)).Value.Id;

            // Without stopping the emulator (a kill would lose nothing): the content and the state are on disk.
            Assert.True(File.Exists(Path.Combine(folder, "files", id)));
            Assert.Contains(id, await File.ReadAllTextAsync(Path.Combine(folder, "emulator-state.json")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_failed_save_is_reported_not_silent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        var logger = new WarningCollector();
        try
        {
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = folder, Logger = logger });
            Directory.CreateDirectory(Path.Combine(folder, "emulator-state.json")); // the state file can no longer be replaced
            await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
            Assert.Contains(logger.Warnings, w => w.Contains(folder, StringComparison.Ordinal));
            var error = Assert.Throws<IOException>(emulator.SaveState);
            Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class WarningCollector : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\ud800 lone"}]}""")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":99999999999999999999}""")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":1e30}""")]
    public async Task Malformed_chat_bodies_are_400(string json)
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Post, "chat/completions", json);
        Assert.Equal(400, status);
        Assert.NotNull(body["error"]);
    }

    [Fact]
    public async Task Invalid_utf8_chat_body_is_400()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var bytes = Encoding.UTF8.GetBytes("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"X"}]}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("chat/completions", content);
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Oversized_json_body_is_413_and_not_read()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var big = new string('a', 40 * 1024 * 1024);
        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Post, "chat/completions", $$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{{big}}"}]}""");
        Assert.Equal(413, status);
        Assert.Equal("request_too_large", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task Upload_expiry_is_real_time_so_high_speed_does_not_expire_transfers()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, Speed = 2000 });
        using var http = Raw.Client(emulator);
        var (_, created, _) = await Raw.SendAsync(http, HttpMethod.Post, "uploads", """{"filename":"x.jsonl","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl"}""");
        clock.Advance(TimeSpan.FromSeconds(30)); // 16 emulated hours at x2000, but only 30 s of transfer time
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "data", "data" } };
        using var response = await http.PostAsync($"uploads/{created["id"]}/parts", form);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("""{"filename":"x.txt","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl"}""", "filename")]
    [InlineData("""{"filename":"x.jsonl","purpose":"user_data","bytes":3,"mime_type":"text/jsonl"}""", "purpose")]
    [InlineData("""{"filename":"x.jsonl","purpose":"fine-tune","bytes":3,"mime_type":"text/jsonl","expires_after":{"anchor":"last_active_at","seconds":3600}}""", "expires_after.anchor")]
    public async Task Uploads_follow_the_files_rules(string json, string param)
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Post, "uploads", json);
        Assert.Equal(400, status);
        Assert.Equal(param, (string?)body["error"]!["param"]);
    }

    [Fact]
    public async Task Files_anchor_is_validated_and_processing_time_header_is_sent()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TrainingData.Chat().ToArray()), "file", "t.jsonl" },
            { new StringContent("fine-tune"), "purpose" },
            { new StringContent("whenever"), "expires_after[anchor]" },
            { new StringContent("3600"), "expires_after[seconds]" },
        };
        using var response = await http.PostAsync("files", form);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.True(response.Headers.TryGetValues("openai-processing-ms", out var values));
        Assert.True(long.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Files_list_shows_result_files_of_jobs_finished_since_without_a_jobs_request()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, StepsPerEpoch = 2 });
        var client = emulator.CreateOpenAIClient();
        var files = client.GetOpenAIFileClient();
        var fileId = (await files.UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune)).Value.Id;
        await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", fileId, false);
        clock.Advance(TimeSpan.FromHours(3));
        OpenAIFileCollection listed = await files.GetFilesAsync();
        Assert.Contains(listed, f => f.Filename == "step_metrics.csv");
    }

    [Fact]
    public async Task Checkpoints_of_a_cancelled_job_are_models_that_exist()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, StepsPerEpoch = 2 });
        var client = emulator.CreateOpenAIClient();
        var fileId = (await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune)).Value.Id;
        using var http = Raw.Client(emulator);
        var (_, job, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$$"""{"model":"gpt-4o-mini","training_file":"{{{fileId}}}","hyperparameters":{"n_epochs":6}}""");
        var id = (string)job["id"]!;
        for (var i = 0; i < 400; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            if (emulator.State.GetJobs().Single().Status == "running" && (await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{id}/checkpoints")).Body["data"]!.AsArray().Count > 0)
            {
                break;
            }
        }

        await Raw.SendAsync(http, HttpMethod.Post, $"fine_tuning/jobs/{id}/cancel");
        var checkpoints = (await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{id}/checkpoints")).Body["data"]!.AsArray();
        Assert.NotEmpty(checkpoints);
        foreach (var c in checkpoints)
        {
            var model = (string)c!["fine_tuned_model_checkpoint"]!;
            var (status, _, _) = await Raw.SendAsync(http, HttpMethod.Get, "models/" + Uri.EscapeDataString(model));
            Assert.Equal(200, status);
        }
    }
}
