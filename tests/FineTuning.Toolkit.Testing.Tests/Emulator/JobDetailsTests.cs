using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;
using OpenAI.Models;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class JobDetailsTests
{
    private static OpenAIEmulatorOptions Options(EmulatorClock clock) => new()
    {
        TimeProvider = clock,
        ValidatingDuration = TimeSpan.FromSeconds(10),
        QueuedDuration = TimeSpan.FromSeconds(10),
        StepsPerEpoch = 4,
        StepDuration = TimeSpan.FromSeconds(5),
    };

    private static async Task<(OpenAIClient Client, FineTuningJob Job)> StartJobAsync(OpenAIEmulator emulator, bool withValidation = false, int epochs = 5)
    {
        var client = emulator.CreateOpenAIClient();
        var files = client.GetOpenAIFileClient();
        var training = await files.UploadFileAsync(TrainingData.Chat(12), "train.jsonl", FileUploadPurpose.FineTune);
        var options = new FineTuningOptions { TrainingMethod = FineTuningTrainingMethod.CreateSupervised(epochCount: epochs), Suffix = "d" };
        if (withValidation)
        {
            options.ValidationFile = (await files.UploadFileAsync(TrainingData.Chat(10), "valid.jsonl", FileUploadPurpose.FineTune)).Value.Id;
        }

        var job = await client.GetFineTuningClient().FineTuneAsync("gpt-4.1-mini", training.Value.Id, waitUntilCompleted: false, options);
        return (client, job);
    }

    [Fact]
    public async Task Events_are_newest_first_paginated_and_include_decreasing_metrics()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var (_, job) = await StartJobAsync(emulator, withValidation: true);
        clock.Advance(TimeSpan.FromHours(1));

        var events = new List<FineTuningEvent>();
        await foreach (var e in job.GetEventsAsync(new GetEventsOptions { PageSize = 7 }))
        {
            events.Add(e);
        }

        Assert.True(events.Count > 20);
        Assert.Equal("The job has successfully completed", events[0].Message);
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.CreatedAt >= pair.Second.CreatedAt));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

        var metrics = events.Where(e => e.Kind == FineTuningJobEventKind.Metrics).Reverse().Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(20, metrics.Count);
        Assert.Equal(20, (int)metrics[0]["total_steps"]!);
        var firstLoss = (double)metrics[0]["train_loss"]!;
        var lastLoss = (double)metrics[^1]["train_loss"]!;
        Assert.True(lastLoss < firstLoss / 2, $"loss {firstLoss} -> {lastLoss}");
        Assert.NotNull(metrics[^1]["valid_loss"]);
        Assert.NotNull(metrics[^1]["full_valid_loss"]);
        Assert.Null(metrics[0]["full_valid_loss"]);
    }

    [Fact]
    public async Task Checkpoints_keep_the_last_three_epochs_with_first_and_last_ids()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var (_, job) = await StartJobAsync(emulator);
        clock.Advance(TimeSpan.FromHours(1));
        await job.UpdateStatusAsync();

        var checkpoints = new List<FineTuningCheckpoint>();
        await foreach (var c in job.GetCheckpointsAsync(new GetCheckpointsOptions { PageSize = 2 }))
        {
            checkpoints.Add(c);
        }

        Assert.Equal([20, 16, 12], checkpoints.Select(c => c.StepNumber));
        var model = emulator.State.GetJobs().Single().FineTunedModel!;
        Assert.Equal(model, checkpoints[0].ModelId);
        Assert.Equal(model + ":ckpt-step-16", checkpoints[1].ModelId);
        Assert.All(checkpoints, c => Assert.Equal(job.JobId, c.JobId));

        using var http = Raw.Client(emulator);
        var (status, page, _) = await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{job.JobId}/checkpoints?limit=2");
        Assert.Equal(200, status);
        Assert.Equal((string?)page["data"]![0]!["id"], (string?)page["first_id"]);
        Assert.Equal((string?)page["data"]![1]!["id"], (string?)page["last_id"]);
        Assert.True((bool)page["has_more"]!);
        Assert.Equal("supervised", (string?)page["data"]![0]!["metrics"]!["type"]);

        // Checkpoint models serve chat like the final model.
        var models = emulator.CreateOpenAIClient().GetOpenAIModelClient();
        OpenAIModel checkpointModel = await models.GetModelAsync(model + ":ckpt-step-16");
        Assert.Equal(model + ":ckpt-step-16", checkpointModel.Id);
    }

    [Fact]
    public async Task Result_file_is_a_csv_with_the_documented_columns()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var (client, job) = await StartJobAsync(emulator, withValidation: true, epochs: 2);
        clock.Advance(TimeSpan.FromHours(1));
        await job.UpdateStatusAsync();

        var csv = (await client.GetOpenAIFileClient().DownloadFileAsync(job.ResultFileIds[0])).Value.ToString();
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,full_valid_loss,full_valid_mean_token_accuracy", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Equal(7, lines[1].Split(',').Length);
        Assert.Equal(string.Empty, lines[1].Split(',')[5]);
        Assert.NotEqual(string.Empty, lines[4].Split(',')[5]);
        OpenAIFile info = await client.GetOpenAIFileClient().GetFileAsync(job.ResultFileIds[0]);
        Assert.Equal(FilePurpose.FineTuneResults, info.Purpose);
    }

    [Fact]
    public async Task Pause_and_resume_through_protocol_methods()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var (client, job) = await StartJobAsync(emulator);
        var tuning = client.GetFineTuningClient();

        var early = await Assert.ThrowsAsync<ClientResultException>(() => tuning.PauseFineTuningJobAsync(job.JobId, new RequestOptions()));
        Assert.Equal(400, early.Status);

        clock.Advance(TimeSpan.FromSeconds(20 + 12));
        var paused = await tuning.PauseFineTuningJobAsync(job.JobId, new RequestOptions());
        Assert.Equal("paused", (string?)JsonNode.Parse(paused.GetRawResponse().Content)!["status"]);
        var stepsAtPause = emulator.State.GetJobs().Single().StepsDone;
        Assert.Equal(2, stepsAtPause);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("paused", emulator.State.GetJobs().Single().Status);
        Assert.Equal(stepsAtPause, emulator.State.GetJobs().Single().StepsDone);

        var resumed = await tuning.ResumeFineTuningJobAsync(job.JobId, new RequestOptions());
        Assert.Equal("queued", (string?)JsonNode.Parse(resumed.GetRawResponse().Content)!["status"]);
        clock.Advance(TimeSpan.FromHours(1));
        var final = emulator.State.GetJobs().Single();
        Assert.Equal("succeeded", final.Status);
        Assert.Equal(final.TotalSteps, final.StepsDone);
    }

    [Fact]
    public async Task Models_list_retrieve_and_delete_a_fine_tuned_model()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var (client, job) = await StartJobAsync(emulator, epochs: 1);
        clock.Advance(TimeSpan.FromHours(1));
        var name = emulator.State.GetJobs().Single().FineTunedModel!;
        Assert.StartsWith("ft:gpt-4.1-mini-2025-04-14:emulator:d:", name, StringComparison.Ordinal);

        var models = client.GetOpenAIModelClient();
        OpenAIModelCollection all = await models.GetModelsAsync();
        Assert.Contains(all, m => m.Id == name);
        Assert.Contains(all, m => m.Id == "gpt-4o-mini");
        OpenAIModel one = await models.GetModelAsync(name);
        Assert.Equal(name, one.Id);

        ModelDeletionResult deleted = await models.DeleteModelAsync(name);
        Assert.True(deleted.Deleted);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync(name));
        Assert.Equal(404, gone.Status);
        var baseDelete = await Assert.ThrowsAsync<ClientResultException>(() => models.DeleteModelAsync("gpt-4o-mini"));
        Assert.Equal(403, baseDelete.Status);
        _ = job;
    }

    [Fact]
    public async Task Dpo_and_reinforcement_jobs_are_accepted_and_validated()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(Options(clock));
        var client = emulator.CreateOpenAIClient();
        var files = client.GetOpenAIFileClient();
        var tuning = client.GetFineTuningClient();
        var preference = await files.UploadFileAsync(TrainingData.Preference(), "pref.jsonl", FileUploadPurpose.FineTune);
        var dpo = await tuning.FineTuneAsync("gpt-4.1-mini", preference.Value.Id, false, new FineTuningOptions
        {
            TrainingMethod = FineTuningTrainingMethod.CreateDirectPreferenceOptimization(epochCount: 1, betaFactor: 1),
        });
        clock.Advance(TimeSpan.FromHours(1));
        await dpo.UpdateStatusAsync();
        Assert.Equal(FineTuningStatus.Succeeded, dpo.Status);

        var rl = await files.UploadFileAsync(TrainingData.Chat(12), "rl.jsonl", FileUploadPurpose.FineTune);
        string Body(string model, string graderType) => """
            {"model":"MODEL","training_file":"FILE","method":{"type":"reinforcement","reinforcement":{
              "grader":{"type":"GRADER","name":"g","input":"{{sample.output_text}}","reference":"{{item.reference_answer}}","operation":"eq",
                "model":"gpt-4o","labels":["a"],"passing_labels":["a"]},
              "hyperparameters":{"reasoning_effort":"low","n_epochs":1}}}}
            """.Replace("MODEL", model, StringComparison.Ordinal).Replace("FILE", rl.Value.Id, StringComparison.Ordinal).Replace("GRADER", graderType, StringComparison.Ordinal);

        var ok = await tuning.FineTuneAsync(BinaryContent.Create(BinaryData.FromString(Body("o4-mini", "string_check"))), waitUntilCompleted: false, new RequestOptions());
        Assert.Equal("reinforcement", (string?)JsonNode.Parse(ok.GetRawResponse().Content)!["method"]!["type"]);

        var labelAtTop = await Assert.ThrowsAsync<ClientResultException>(() => tuning.FineTuneAsync(BinaryContent.Create(BinaryData.FromString(Body("o4-mini", "label_model"))), false, new RequestOptions()));
        Assert.Contains("label_model", labelAtTop.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
        var notReasoning = await Assert.ThrowsAsync<ClientResultException>(() => tuning.FineTuneAsync(BinaryContent.Create(BinaryData.FromString(Body("gpt-4o-mini", "string_check"))), false, new RequestOptions()));
        Assert.Equal(400, notReasoning.Status);
    }

    [Theory]
    [InlineData("""{"method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":51}}}}""", "method.supervised.hyperparameters.n_epochs")]
    [InlineData("""{"method":{"type":"supervised","supervised":{"hyperparameters":{"batch_size":0}}}}""", "method.supervised.hyperparameters.batch_size")]
    [InlineData("""{"method":{"type":"dpo","dpo":{"hyperparameters":{"beta":2.5}}}}""", "method.dpo.hyperparameters.beta")]
    [InlineData("""{"hyperparameters":{"learning_rate_multiplier":0}}""", "hyperparameters.learning_rate_multiplier")]
    [InlineData("""{"method":{"type":"magic"}}""", "method.type")]
    [InlineData("""{"seed":-1}""", "seed")]
    public async Task Invalid_hyperparameters_are_rejected_with_the_param(string extra, string param)
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        var body = JsonNode.Parse(extra)!.AsObject();
        body["model"] = "gpt-4o-mini";
        body["training_file"] = file.Value.Id;
        var (status, error, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", body.ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal(param, (string?)error["error"]!["param"]);
    }

    [Fact]
    public async Task Metadata_is_limited_and_filterable_on_list()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var file = await emulator.CreateOpenAIClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune);
        string Create(string metadata) => $$"""{"model":"gpt-4o-mini","training_file":"{{file.Value.Id}}","metadata":{{metadata}}}""";

        var tooMany = "{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}";
        Assert.Equal(400, (await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Create(tooMany))).Status);
        Assert.Equal(400, (await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Create($$"""{"{{new string('k', 65)}}":"v"}"""))).Status);
        Assert.Equal(400, (await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Create($$"""{"k":"{{new string('v', 513)}}"}"""))).Status);

        var (s1, a, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Create("""{"run":"a"}"""));
        var (s2, _, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Create("""{"run":"b"}"""));
        Assert.Equal(200, s1);
        Assert.Equal(200, s2);
        var (_, filtered, _) = await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs?metadata[run]=a");
        var only = Assert.Single(filtered["data"]!.AsArray());
        Assert.Equal((string?)a["id"], (string?)only!["id"]);
        Assert.False((bool)filtered["has_more"]!);
        Assert.Null(filtered["first_id"]);
        Assert.Equal(new JsonObject().ToJsonString(), a["error"]!.ToJsonString());
    }
}
