using System.Text.Json;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Migration;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Migration;

/// <summary>The migration kit's library API against the emulator: snapshot, verify, plan, retrain settings, compare with a judge, and the wind-down explained.</summary>
public sealed class MigrationKitTests
{
    [Fact]
    public async Task Snapshot_verify_plan_retrain_settings_and_compare_with_a_judge()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var training = host.WriteDataset("train.jsonl", 12);
        var upload = await host.Uploader.UploadAsync(training);
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini-2024-07-18",
            TrainingFileId = upload.File.Id,
            Method = new SupervisedTraining { Epochs = HyperparameterValue.FromNumber(3), BatchSize = HyperparameterValue.FromNumber(2) },
            Seed = 11,
            Suffix = "kit",
        });
        var done = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        var model = done.FineTunedModel!;

        // An eval set whose prompts the model was trained on (references = the trained answers).
        var set = Path.Combine(host.Folder, "set.jsonl");
        await File.WriteAllTextAsync(set, string.Concat(Enumerable.Range(0, 8).Select(i => $"{{\"id\":\"q{i}\",\"prompt\":\"Question {i}?\",\"reference\":\"Answer {i}.\"}}\n")));
        var folder = Path.Combine(host.Folder, "snapshot");
        var kit = host.Services.GetRequiredService<IMigrationKit>();
        var lines = new List<string>();
        var snapshot = await kit.SnapshotAsync(folder, new SnapshotOptions { EvalSetPath = set, Samples = 2 }, new SyncProgress<string>(lines.Add));
        var recorded = Assert.Single(snapshot.Models);
        Assert.Equal(model, recorded.FineTunedModel);
        Assert.Equal(GoldenSources.EvalSet, recorded.GoldenSource);
        Assert.Equal(16, recorded.GoldenAnswers);
        Assert.Equal("3", recorded.Hyperparameters["n_epochs"]);
        Assert.True(recorded.Answering);
        Assert.Contains(lines, l => l.Contains("Golden answers of", StringComparison.Ordinal));
        Assert.Empty(await MigrationFolder.VerifyAsync(folder, await MigrationFolder.LoadAsync(folder)));

        // A changed file is found by its hash.
        var changed = MigrationFolder.Resolve(folder, recorded.TrainingFile!);
        await File.AppendAllTextAsync(changed, "\n");
        Assert.Contains(await MigrationFolder.VerifyAsync(folder, snapshot), p => p.Contains(recorded.TrainingFile!, StringComparison.Ordinal));

        // The same data and settings for a retraining.
        var retrain = await MigrationFolder.CreateRetrainRequestAsync(folder, model, "gpt-4.1-mini-2025-04-14");
        Assert.Equal(changed, retrain.TrainingPath);
        Assert.Equal("gpt-4.1-mini-2025-04-14", retrain.Request.Model);
        Assert.Equal(3, retrain.Request.Method!.Epochs.Value);
        Assert.Equal(2, retrain.Request.Method.BatchSize.Value);
        Assert.Equal(11, retrain.Request.Seed);
        Assert.Equal("kit", retrain.Request.Suffix);
        Assert.Equal(model, retrain.Request.Metadata[MigrationFolder.MigratedFromKey]);
        await Assert.ThrowsAsync<ArgumentException>(() => MigrationFolder.CreateRetrainRequestAsync(folder, "ft:unknown"));

        // Together: the catalog has no models for it, so the plan validates the data and says so.
        var together = await MigrationFolder.PlanAsync(folder, "together");
        Assert.Equal("together", Assert.Single(together.Models).Profile);
        Assert.Empty(together.Models[0].Candidates);
        Assert.Contains(together.Notes, n => n.Contains("no together models", StringComparison.OrdinalIgnoreCase));
        await Assert.ThrowsAsync<ArgumentException>(() => MigrationFolder.PlanAsync(folder, "mars"));

        // The model compared with itself: every scorer and the (tie-voting) judge show it non-inferior.
        var report = Path.Combine(host.Folder, "compare.html");
        var comparison = await kit.CompareAsync(
            folder,
            [new(model, model)],
            host.Services.GetRequiredService<IFineTuningConnection>(),
            new MigrationCompareOptions { Judge = new TieJudge(), ReportPath = report });
        var result = Assert.Single(comparison.Models);
        Assert.Equal(MigrationVerdicts.NonInferior, result.Verdict);
        Assert.True(result.HasReferences);
        Assert.Equal(["exact", "normalized", "similarity", "judge"], result.Comparisons.Select(c => c.Scorer));
        Assert.All(result.Comparisons, c => Assert.True(c.NonInferiority!.IsNonInferior));
        Assert.Equal(8, result.Judge!.Ties);
        Assert.True(File.Exists(report));
        Assert.True(File.Exists(MigrationFolder.Resolve(folder, result.ResultsFile!)));
    }

    [Fact]
    public async Task Wind_down_errors_are_explained_and_a_retired_model_is_recorded_as_not_answering()
    {
        FineTuning.Toolkit.Testing.OpenAIEmulatorOptions? options = null;
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, o => options = o);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini-2024-07-18", TrainingFileId = upload.File.Id });
        await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));

        var kit = host.Services.GetRequiredService<IMigrationKit>();
        var folder = Path.Combine(host.Folder, "late");
        var before = Assert.Single((await kit.SnapshotAsync(folder)).Models);
        Assert.True(before.Answering);
        Assert.True(before.GoldenAnswers > 0);

        // The emulator reads its options per request, so switching the wind-down on applies at once (emulated time runs ahead of the real clock).
        options!.TrainingShutdownAt = DateTimeOffset.UtcNow.AddDays(-1);
        options.ModelRetirementAt = DateTimeOffset.UtcNow.AddDays(-1);

        var refused = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4.1-nano-2025-04-14", TrainingFileId = upload.File.Id }));
        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("training_not_available", refused.ErrorCode);
        Assert.False(refused.IsTransient);
        Assert.Contains("Retrying will not help", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ftk migrate snapshot", refused.Message, StringComparison.Ordinal);

        // Re-run on the same folder: every answer was recorded, so a probe finds the model retired; the answers are kept.
        var snapshot = await kit.SnapshotAsync(folder);
        var model = Assert.Single(snapshot.Models);
        Assert.False(model.Answering);
        Assert.Equal(before.GoldenAnswers, model.GoldenAnswers);
        Assert.True(model.CheckedAt >= before.CheckedAt);
        Assert.Contains("404", model.Error, StringComparison.Ordinal);
        Assert.Contains("may have been retired", model.Error, StringComparison.Ordinal);
        Assert.Contains("2027-01-14", model.Error, StringComparison.Ordinal);
        Assert.Contains(snapshot.Problems, p => p.Contains(model.FineTunedModel, StringComparison.Ordinal));
        var manifest = await File.ReadAllTextAsync(Path.Combine(host.Folder, "late", MigrationSnapshot.FileName));
        Assert.DoesNotContain(host.Emulator.ApiKey, manifest, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(manifest).RootElement.GetProperty("schema_version").GetInt32());
    }

    [Fact]
    public async Task A_folder_without_a_manifest_or_with_a_newer_schema_is_refused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ftk-migrate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var missing = await Assert.ThrowsAsync<InvalidDataException>(() => MigrationFolder.LoadAsync(folder));
            Assert.Contains("ftk migrate snapshot", missing.Message, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, MigrationSnapshot.FileName), "{\"schema\":\"ftk.migration.snapshot\",\"schema_version\":99}");
            var newer = await Assert.ThrowsAsync<InvalidDataException>(() => MigrationFolder.LoadAsync(folder));
            Assert.Contains("update ftk", newer.Message, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, MigrationSnapshot.FileName), "{not json");
            await Assert.ThrowsAsync<InvalidDataException>(() => MigrationFolder.LoadAsync(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A judge that calls every pair a tie.</summary>
    private sealed class TieJudge : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "TIE")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
