using System.ClientModel;
using OpenAI.Chat;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class FaultTests
{
    [Fact]
    public async Task Rate_limited_twice_then_the_sdk_retry_succeeds()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Faults = "POST /v1/fine_tuning/jobs: 429*2" });
        var client = emulator.CreateOpenAIClient(maxRetries: 2);
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, false);

        Assert.StartsWith("ftjob-", job.JobId, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Faults.Count(EmulatorFaultKind.RateLimited));
        Assert.Equal(3, emulator.State.CountRequests("POST", "/v1/fine_tuning/jobs"));
        Assert.Single(emulator.State.GetJobs());
    }

    [Fact]
    public async Task Injected_429_carries_retry_after_headers_and_the_envelope()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Faults = "GET /v1/models: 429*1", FaultRetryAfter = TimeSpan.FromMilliseconds(1500) });
        using var http = Raw.Client(emulator);
        var (status, body, response) = await Raw.SendAsync(http, HttpMethod.Get, "models");
        Assert.Equal(429, status);
        Assert.Equal("rate_limit_exceeded", (string?)body["error"]!["code"]);
        Assert.Equal("2", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("1500", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal(200, (await Raw.SendAsync(http, HttpMethod.Get, "models")).Status);
    }

    [Fact]
    public async Task Lost_response_creates_the_job_but_the_client_sees_a_connection_failure()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Faults = "POST /v1/fine_tuning/jobs: lost*1" });
        var client = emulator.CreateOpenAIClient(maxRetries: 0);
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, false));

        Assert.Single(emulator.State.GetJobs());
        Assert.Equal(1, emulator.Faults.Count(EmulatorFaultKind.LostResponse));

        // A naive retry creates a duplicate: exactly the hazard the job client must handle (e.g. via metadata).
        await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, false);
        Assert.Equal(2, emulator.State.GetJobs().Count);
    }

    [Fact]
    public async Task Reset_during_upload_stores_nothing_and_the_retry_succeeds()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Faults = "POST /v1/files: reset*1" });
        var files = emulator.CreateOpenAIClient(maxRetries: 0).GetOpenAIFileClient();
        await Assert.ThrowsAnyAsync<Exception>(() => files.UploadFileAsync(TrainingData.Chat(500), "t.jsonl", FileUploadPurpose.FineTune));
        Assert.Empty(emulator.State.GetFiles());

        OpenAIFile ok = await files.UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        Assert.Equal(ok.Id, Assert.Single(emulator.State.GetFiles()).Id);
        Assert.Equal(1, emulator.Faults.Count(EmulatorFaultKind.ConnectionReset));
    }

    [Fact]
    public async Task Truncated_response_fails_the_client_and_server_errors_are_retried()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Faults = "POST /v1/chat/completions: truncate*1, 500*1, 502*1, 503*1" });
        var chat = emulator.CreateOpenAIClient(maxRetries: 0).GetChatClient("gpt-4o-mini");
        await Assert.ThrowsAnyAsync<Exception>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));
        foreach (var expected in new[] { 500, 502, 503 })
        {
            var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));
            Assert.Equal(expected, error.Status);
        }

        ChatCompletion ok = await chat.CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.NotNull(ok);
        Assert.Equal(4, emulator.Faults.TotalInjected);
    }

    [Fact]
    public async Task Probabilistic_faults_are_deterministic_for_a_seed()
    {
        async Task<int> CountAsync(int seed)
        {
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Seed = seed, Faults = "GET *: 500@30%" });
            using var http = Raw.Client(emulator);
            for (var i = 0; i < 40; i++)
            {
                await Raw.SendAsync(http, HttpMethod.Get, "models");
            }

            return emulator.Faults.Count(EmulatorFaultKind.InternalServerError);
        }

        var first = await CountAsync(7);
        Assert.Equal(first, await CountAsync(7));
        Assert.InRange(first, 4, 22);
    }

    [Fact]
    public async Task Faults_can_be_changed_at_run_time_and_bad_specs_are_explained()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        emulator.Faults.Add("GET /models: 503");
        Assert.Equal(503, (await Raw.SendAsync(http, HttpMethod.Get, "models")).Status);
        emulator.Faults.Clear();
        Assert.Equal(200, (await Raw.SendAsync(http, HttpMethod.Get, "models")).Status);

        var error = Assert.Throws<FormatException>(() => emulator.Faults.Add("POST /v1/files: 418*2"));
        Assert.Contains("418", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => emulator.Faults.Add("no colon here"));
    }

    [Fact]
    public async Task Configured_rpm_limit_answers_429_with_retry_after_and_ratelimit_headers()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 3 });
        using var http = Raw.Client(emulator);
        const string body = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";
        for (var i = 0; i < 3; i++)
        {
            var (status, _, ok) = await Raw.SendAsync(http, HttpMethod.Post, "chat/completions", body);
            Assert.Equal(200, status);
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("x-ratelimit-remaining-requests").Single());
            Assert.Equal("3", ok.Headers.GetValues("x-ratelimit-limit-requests").Single());
        }

        var (limited, error, response) = await Raw.SendAsync(http, HttpMethod.Post, "chat/completions", body);
        Assert.Equal(429, limited);
        Assert.Equal("requests", (string?)error["error"]!["type"]);
        Assert.True(response.Headers.Contains("retry-after-ms"));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(200, (await Raw.SendAsync(http, HttpMethod.Post, "chat/completions", body)).Status);
    }
}
