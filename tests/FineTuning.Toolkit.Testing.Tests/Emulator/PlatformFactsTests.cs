using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using OpenAI.Files;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>The emulator serves the library's platform facts: catalog models and methods, the limits table, the epoch heuristic.</summary>
public sealed class PlatformFactsTests
{
    [Fact]
    public async Task Models_list_every_openai_catalog_snapshot_and_alias()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Get, "models");
        Assert.Equal(200, status);
        var ids = body["data"]!.AsArray().Select(m => (string)m!["id"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in ModelCatalog.BuiltIn.Models.Where(m => m.Provider == "openai"))
        {
            Assert.Contains(entry.Id, ids);
            Assert.All(entry.Aliases, alias => Assert.Contains(alias, ids));
        }
    }

    [Fact]
    public async Task A_method_the_catalog_does_not_list_for_the_model_is_refused()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Preference(), "p.jsonl", FileUploadPurpose.FineTune);
        var model = ModelCatalog.BuiltIn.Models.First(m => m.Provider == "openai" && m.Supports(ModelTrainingMethods.Supervised) && !m.Supports(ModelTrainingMethods.Dpo));
        var request = new JsonObject { ["model"] = model.Id, ["training_file"] = file.Value.Id, ["method"] = new JsonObject { ["type"] = "dpo" } };
        var (status, error, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", request.ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal("model_not_available", (string?)error["error"]!["code"]);
    }

    [Fact]
    public async Task Request_limits_are_the_library_limits()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        async Task<int> CreateAsync(string suffix, int epochs)
        {
            var request = new JsonObject
            {
                ["model"] = "gpt-4o-mini",
                ["training_file"] = file.Value.Id,
                ["suffix"] = suffix,
                ["method"] = new JsonObject { ["type"] = "supervised", ["supervised"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["n_epochs"] = epochs } } },
            };
            return (await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", request.ToJsonString())).Status;
        }

        Assert.Equal(200, await CreateAsync(new string('s', FineTuningLimits.MaxSuffixLength), FineTuningLimits.MaxEpochs));
        Assert.Equal(400, await CreateAsync(new string('s', FineTuningLimits.MaxSuffixLength + 1), FineTuningLimits.MaxEpochs));
        Assert.Equal(400, await CreateAsync("ok", FineTuningLimits.MaxEpochs + 1));

        // The library's own request check agrees on the same values.
        Assert.Empty(new FineTuningJobRequest { Model = "m", TrainingFileId = "f", Suffix = new string('s', FineTuningLimits.MaxSuffixLength), Method = new SupervisedTraining { Epochs = FineTuningLimits.MaxEpochs } }.Validate());
        Assert.Equal(2, new FineTuningJobRequest { Model = "m", TrainingFileId = "f", Suffix = new string('s', FineTuningLimits.MaxSuffixLength + 1), Method = new SupervisedTraining { Epochs = FineTuningLimits.MaxEpochs + 1 } }.Validate().Count);
    }

    [Fact]
    public async Task Auto_epochs_follow_the_library_heuristic()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        using var http = Raw.Client(emulator);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(12), "t.jsonl", FileUploadPurpose.FineTune);
        var (_, job, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini", ["training_file"] = file.Value.Id }.ToJsonString());
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, validated, _) = await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + (string)job["id"]!);
        Assert.Equal(EpochHeuristic.ForExampleCount(12), (int)validated["method"]!["supervised"]!["hyperparameters"]!["n_epochs"]!);
    }

    [Fact]
    public async Task A_reserved_token_fails_the_job_with_the_platform_wording()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        using var http = Raw.Client(emulator);
        var lines = TrainingData.Chat().ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[2] = """{"messages":[{"role":"user","content":"hi <|endoftext|>"},{"role":"assistant","content":"hello"}]}""";
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(string.Join("\n", lines) + "\n"), "t.jsonl", FileUploadPurpose.FineTune);
        var (_, job, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini", ["training_file"] = file.Value.Id }.ToJsonString());
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, failed, _) = await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + (string)job["id"]!);
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Contains("Example 3 message contains an invalid token: <|endoftext|>", (string?)failed["error"]!["message"], StringComparison.Ordinal);
    }
}
