using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>The emulator's OpenAI wind-down: job creation 403 after the shutdown date, retired models 404, the Azure flavour unaffected; all by the emulator's clock.</summary>
public sealed class WindDownTests
{
    [Fact]
    public async Task Training_shuts_down_and_models_retire_on_the_openai_flavour_only_by_the_emulator_clock()
    {
        var clock = new EmulatorClock(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 2,
            StepDuration = TimeSpan.FromSeconds(1),
            TrainingShutdownAt = new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero),
            ModelRetirementAt = new DateTimeOffset(2027, 1, 14, 0, 0, 0, TimeSpan.Zero),
        };
        await using var emulator = await OpenAIEmulator.StartAsync(options);
        using var openai = Raw.Client(emulator);
        using var azure = Raw.Client(emulator, azure: true);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        string Job(string model) => $$"""{"model":"{{model}}","training_file":"{{file.Value.Id}}"}""";
        string AzureJob(string model) => $$"""{"model":"{{model}}","training_file":"{{file.Value.Id}}","trainingType":"globalstandard"}""";
        const string Chat = """{"model":"MODEL","messages":[{"role":"user","content":"hi"}]}""";

        // Before the dates: training and chat work.
        var (status, body, _) = await Raw.SendAsync(openai, HttpMethod.Post, "fine_tuning/jobs", Job("gpt-4o-mini-2024-07-18"));
        Assert.Equal(200, status);
        clock.Advance(TimeSpan.FromHours(1));
        (status, body, _) = await Raw.SendAsync(openai, HttpMethod.Get, "fine_tuning/jobs/" + (string?)body["id"]);
        var tuned = (string)body["fine_tuned_model"]!;
        Assert.Equal(200, (await Raw.SendAsync(openai, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", tuned, StringComparison.Ordinal))).Status);

        // After the shutdown: job creation answers 403 training_not_available on OpenAI, not on Azure; models still answer.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero));
        (status, body, _) = await Raw.SendAsync(openai, HttpMethod.Post, "fine_tuning/jobs", Job("gpt-4.1-nano-2025-04-14"));
        Assert.Equal(403, status);
        Assert.Equal("training_not_available", (string?)body["error"]!["code"]);
        Assert.Equal(200, (await Raw.SendAsync(azure, HttpMethod.Post, "fine_tuning/jobs", AzureJob("gpt-4.1-mini-2025-04-14"))).Status);
        Assert.Equal(200, (await Raw.SendAsync(openai, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", tuned, StringComparison.Ordinal))).Status);

        // After the retirement: the retiring base and its fine-tunes answer 404 on OpenAI; another base and Azure still answer.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 14, 0, 0, 0, TimeSpan.Zero));
        (status, body, _) = await Raw.SendAsync(openai, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", tuned, StringComparison.Ordinal));
        Assert.Equal(404, status);
        Assert.Equal("model_not_found", (string?)body["error"]!["code"]);
        Assert.Equal(404, (await Raw.SendAsync(openai, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", "gpt-4o-mini", StringComparison.Ordinal))).Status);
        Assert.Equal(404, (await Raw.SendAsync(openai, HttpMethod.Get, "models/" + Uri.EscapeDataString(tuned))).Status);
        Assert.Equal(200, (await Raw.SendAsync(openai, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", "gpt-4.1-nano-2025-04-14", StringComparison.Ordinal))).Status);
        Assert.Equal(200, (await Raw.SendAsync(azure, HttpMethod.Post, "chat/completions", Chat.Replace("MODEL", tuned, StringComparison.Ordinal))).Status);
    }
}
