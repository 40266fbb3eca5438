using System.ClientModel;
using OpenAI.Chat;
using OpenAI.Files;
using OpenAI.FineTuning;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class FineTuningSdkTests
{
    private static readonly OpenAIEmulatorOptions FastTimings = new()
    {
        ValidatingDuration = TimeSpan.FromSeconds(10),
        QueuedDuration = TimeSpan.FromSeconds(10),
        StepsPerEpoch = 4,
        StepDuration = TimeSpan.FromSeconds(5),
    };

    internal static OpenAIEmulatorOptions WithClock(EmulatorClock clock) => new()
    {
        TimeProvider = clock,
        ValidatingDuration = FastTimings.ValidatingDuration,
        QueuedDuration = FastTimings.QueuedDuration,
        StepsPerEpoch = FastTimings.StepsPerEpoch,
        StepDuration = FastTimings.StepDuration,
    };

    [Fact]
    public async Task Job_moves_through_the_lifecycle_with_the_clock_and_produces_a_model()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(WithClock(clock));
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(12), "train.jsonl", FileUploadPurpose.FineTune);
        var tuning = client.GetFineTuningClient();

        var job = await tuning.FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false, new FineTuningOptions
        {
            Suffix = "geo",
            TrainingMethod = FineTuningTrainingMethod.CreateSupervised(epochCount: 2),
        });
        Assert.StartsWith("ftjob-", job.JobId, StringComparison.Ordinal);
        Assert.Equal(FineTuningStatus.ValidatingFiles, job.Status);
        Assert.Equal("gpt-4o-mini-2024-07-18", job.BaseModel);

        clock.Advance(TimeSpan.FromSeconds(10));
        await job.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Queued, job.Status);

        clock.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(5 * 3));
        await job.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Running, job.Status);

        clock.Advance(TimeSpan.FromMinutes(5));
        await job.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Succeeded, job.Status);
        Assert.Single(job.ResultFileIds);
        var refreshed = await tuning.GetJobAsync(job.JobId);
        // SDK 2.15.0 never copies trained_tokens into BillableTrainedTokenCount (CopyLocalParameters omits it): read the JSON.
        var trained = refreshed.GetRawResponse().Content.ToObjectFromJson<System.Text.Json.Nodes.JsonObject>()!["trained_tokens"]!.GetValue<long>();
        Assert.True(trained > 0);
        Assert.Equal(trained, emulator.State.GetJobs().Single().TrainedTokens);
        var model = emulator.State.GetJobs().Single().FineTunedModel;
        Assert.Equal($"ft:gpt-4o-mini-2024-07-18:emulator:geo:{job.JobId[6..14]}", model);

        // The fine-tuned model answers a trained prompt with the trained reply; the base model does not.
        ChatCompletion tuned = await client.GetChatClient(model!).CompleteChatAsync([new UserChatMessage(TrainingData.Prompt(3))]);
        Assert.Equal(TrainingData.Reply(3), tuned.Content[0].Text);
        ChatCompletion untuned = await client.GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage(TrainingData.Prompt(3))]);
        Assert.NotEqual(TrainingData.Reply(3), untuned.Content[0].Text);

    }

    [Fact]
    public async Task Job_with_too_few_examples_fails_with_the_platform_error()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(WithClock(clock));
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(5), "small.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false);

        clock.Advance(TimeSpan.FromSeconds(11));
        await job.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Failed, job.Status);
        var raw = (await client.GetFineTuningClient().GetJobAsync(job.JobId)).GetRawResponse().Content.ToObjectFromJson<System.Text.Json.Nodes.JsonObject>()!;
        var error = raw["error"]!;
        Assert.Equal("invalid_training_file", (string?)error["code"]);
        Assert.Equal("training_file", (string?)error["param"]);
        Assert.Contains("5 example(s)", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_the_toolkit_validator_rejects_fails_the_job_naming_the_line_rule_and_path()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(WithClock(clock));
        var client = emulator.CreateOpenAIClient();
        // Line 4 trains an assistant turn with weight 2: only 0 and 1 are allowed (the platform rejects it late).
        var lines = TrainingData.Chat().ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[3] = """{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello","weight":2}]}""";
        var file = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(string.Join("\n", lines) + "\n"), "weights.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false);

        clock.Advance(TimeSpan.FromSeconds(11));
        await job.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Failed, job.Status);
        var raw = (await client.GetFineTuningClient().GetJobAsync(job.JobId)).GetRawResponse().Content.ToObjectFromJson<System.Text.Json.Nodes.JsonObject>()!;
        var error = raw["error"]!;
        Assert.Equal("invalid_training_file", (string?)error["code"]);
        Assert.Equal("training_file", (string?)error["param"]);
        var message = (string?)error["message"];
        Assert.Contains("Line 4", message, StringComparison.Ordinal);
        Assert.Contains("$.messages[1].weight", message, StringComparison.Ordinal);
        Assert.Matches("FT[0-9]{4}", message);
    }

    [Fact]
    public async Task Cancel_stops_the_job_and_a_second_cancel_is_rejected()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(WithClock(new EmulatorClock()));
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "train.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false);

        await job.CancelAndUpdateAsync();
        Assert.Equal(FineTuningStatus.Cancelled, job.Status);
        var again = await Assert.ThrowsAsync<ClientResultException>(() => job.CancelAndUpdateAsync());
        Assert.Equal(400, again.Status);
    }

    [Fact]
    public async Task Create_rejects_unknown_models_missing_files_and_long_suffixes()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var tuning = emulator.CreateOpenAIClient().GetFineTuningClient();
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "train.jsonl", FileUploadPurpose.FineTune);

        var badModel = await Assert.ThrowsAsync<ClientResultException>(() => tuning.FineTuneAsync("gpt-nonexistent", file.Value.Id, false));
        Assert.Equal(400, badModel.Status);
        Assert.Contains("model_not_available", badModel.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);

        var badFile = await Assert.ThrowsAsync<ClientResultException>(() => tuning.FineTuneAsync("gpt-4o-mini", "file-missing", false));
        Assert.Contains("\"param\":\"training_file\"", badFile.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);

        var badSuffix = await Assert.ThrowsAsync<ClientResultException>(() => tuning.FineTuneAsync("gpt-4o-mini", file.Value.Id, false, new FineTuningOptions { Suffix = new string('x', 65) }));
        Assert.Contains("\"param\":\"suffix\"", badSuffix.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_pages_newest_first()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "train.jsonl", FileUploadPurpose.FineTune);
        var tuning = client.GetFineTuningClient();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await tuning.FineTuneAsync("gpt-4o-mini", file.Value.Id, false)).JobId);
        }

        var listed = new List<string>();
        await foreach (var job in tuning.GetJobsAsync(new FineTuningJobCollectionOptions { PageSize = 2 }))
        {
            listed.Add(job.JobId);
        }

        created.Reverse();
        Assert.Equal(created, listed);
        Assert.Equal(3, emulator.State.CountRequests("GET", "/v1/fine_tuning/jobs"));
    }
}
