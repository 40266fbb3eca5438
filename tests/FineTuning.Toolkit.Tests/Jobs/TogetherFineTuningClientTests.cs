using System.Security.Cryptography;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>The Together AI client over real HTTP against the emulator's Together flavour (<c>/together/v1/</c>).</summary>
public sealed class TogetherFineTuningClientTests
{
    private const string Model = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    [Fact]
    public async Task A_job_trains_through_the_shared_services_and_its_statuses_events_and_checkpoints_map_onto_the_toolkit_types()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Together);
        Assert.Equal(FineTuningProvider.Together, host.Jobs.Provider);
        Assert.IsType<TogetherFineTuningClient>(host.Jobs);
        Assert.Same(host.Jobs, host.Files);

        var upload = await host.Uploader.UploadAsync(host.WriteDataset(), cancellationToken: CancellationToken.None);
        Assert.True(upload.File.IsProcessed);
        Assert.Equal("processed", upload.File.Status);

        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = Model,
            TrainingFileId = upload.File.Id,
            Suffix = "mine",
            Method = new SupervisedTraining { Epochs = 2 },
            Together = new TogetherTrainingOptions { Checkpoints = 2, Evaluations = 0, WarmupRatio = 0.1, LearningRate = 0.0002 },
        }, CancellationToken.None);
        Assert.StartsWith("ft-", job.Id, StringComparison.Ordinal);
        Assert.True(job.Status.IsWaiting, job.Status.Value); // Together's "pending" is the toolkit's "queued"
        Assert.Null(job.FineTunedModel);
        Assert.Equal("2", job.Hyperparameters["n_checkpoints"]);
        Assert.Equal("Lora", job.Hyperparameters["training_type"]);

        var done = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(30), null, CancellationToken.None);
        Assert.Equal(FineTuningJobStatus.Succeeded, done.Status);
        Assert.Equal("completed", done.RawRepresentation.GetProperty("status").GetString());
        Assert.Matches(@"^[^/]+/Meta-Llama-3\.1-8B-Instruct-Reference-mine-[0-9a-zA-Z]{8}$", done.FineTunedModel);
        Assert.NotNull(done.FinishedAt);

        var events = await host.Jobs.ListEventsAsync(job.Id, null, CancellationToken.None).ToListAsync();
        Assert.NotEmpty(events);
        Assert.Equal(events.OrderBy(e => e.CreatedAt).Select(e => e.Id), events.Select(e => e.Id));
        Assert.Contains(events, e => e.Type == "job_complete");
        var later = await host.Jobs.ListEventsAsync(job.Id, events[^2].Id, CancellationToken.None).ToListAsync();
        Assert.Equal(events[^1].Id, Assert.Single(later).Id);

        var checkpoints = await host.Jobs.ListCheckpointsAsync(job.Id, CancellationToken.None).ToListAsync();
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.Equal($"{job.Id}:{c.StepNumber}", c.Id));

        var listed = await host.Jobs.ListJobsAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(job.Id, Assert.Single(listed).Id);
        await Assert.ThrowsAsync<NotSupportedException>(() => host.Jobs.PauseJobAsync(job.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_Together_rejects_fails_the_upload_with_its_validation_report_before_any_job()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Together);
        var path = Path.Combine(host.Folder, "bad.jsonl");

        // Two user turns in a row: Together's rule (roles alternate), not OpenAI's.
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"},{\"role\":\"assistant\",\"content\":\"c\"}]}\n", 12)));
        var error = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Uploader.UploadAsync(path, cancellationToken: CancellationToken.None));
        Assert.Contains("INVALID_FORMAT", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.State.GetJobs());
    }

    [Fact]
    public async Task Weights_download_resumes_after_broken_responses_and_verifies_the_checksum()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Together);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset(), cancellationToken: CancellationToken.None);
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = Model, TrainingFileId = upload.File.Id }, CancellationToken.None);
        var weights = host.Services.GetRequiredService<IModelWeightsClient>();
        var target = Path.Combine(host.Folder, "out", "model.tar.zst");

        var cancelled = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = Model, TrainingFileId = upload.File.Id, Suffix = "other" }, CancellationToken.None);
        Assert.Equal(FineTuningJobStatus.Cancelled, (await host.Jobs.CancelJobAsync(cancelled.Id, CancellationToken.None)).Status);
        var early = await Assert.ThrowsAsync<FineTuningApiException>(() => weights.DownloadWeightsAsync(cancelled.Id, target, cancellationToken: CancellationToken.None));
        Assert.True(early.StatusCode == 400, early.Message);
        Assert.Contains("not completed", early.Message, StringComparison.Ordinal);

        await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(30), null, CancellationToken.None);

        // More broken responses than one run retries: the run fails and keeps the partial file, the next run resumes it.
        host.Emulator.Faults.Add("GET /together/v1/finetune/download: truncate*4");
        var broken = await Assert.ThrowsAsync<FineTuningApiException>(() => weights.DownloadWeightsAsync(job.Id, target, cancellationToken: CancellationToken.None));
        Assert.Contains("run it again to resume", broken.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        var partial = new FileInfo(FineTuning.Toolkit.IO.AtomicFile.PartialPathFor(target));
        Assert.True(partial.Exists && partial.Length > 0);

        var result = await weights.DownloadWeightsAsync(job.Id, target, cancellationToken: CancellationToken.None);
        Assert.True(result.ResumedFromBytes > 0, "the second run should resume from the partial file");
        Assert.Equal("sha256", result.VerifiedBy);
        var bytes = await File.ReadAllBytesAsync(target);
        Assert.Equal(result.Bytes, bytes.LongLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.StartsWith(result.Sha256, await File.ReadAllTextAsync(target + ".sha256"), StringComparison.Ordinal);
        Assert.False(File.Exists(partial.FullName));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.ftk-part*"));

        var adapter = await weights.DownloadWeightsAsync(job.Id, Path.Combine(host.Folder, "out", "adapter.tar.zst"), ModelWeightsCheckpoint.Adapter, null, CancellationToken.None);
        Assert.True(adapter.Bytes < result.Bytes);
        Assert.Equal(0, adapter.ResumedFromBytes);
    }

    [Fact]
    public async Task Providers_that_keep_the_weights_refuse_the_download_with_the_reason()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var weights = host.Services.GetRequiredService<IModelWeightsClient>();
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => weights.DownloadWeightsAsync("ftjob-x", Path.Combine(host.Folder, "w"), cancellationToken: CancellationToken.None));
        Assert.Contains("OpenAI", refused.Message, StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<IFineTuningConnection>().Capabilities.SupportsWeightDownload);
    }

    [Fact]
    public void The_create_body_uses_Together_field_names_and_refuses_what_Together_cannot_take()
    {
        var body = TogetherFineTuningClient.ToBody(new FineTuningJobRequest
        {
            Model = Model,
            TrainingFileId = "file-1",
            ValidationFileId = "file-2",
            Method = new DpoTraining { Beta = 0.2, Epochs = 3 },
            Seed = 7,
            Together = new TogetherTrainingOptions { FullFineTuning = true, Evaluations = 4, FromCheckpoint = "ft-abc:10" },
        });
        Assert.Equal("Full", (string?)body["training_type"]!["type"]);
        Assert.Equal("dpo", (string?)body["training_method"]!["method"]);
        Assert.Equal(0.2, (double)body["training_method"]!["dpo_beta"]!);
        Assert.Equal(3, (int)body["n_epochs"]!);
        Assert.Equal(4, (int)body["n_evals"]!);
        Assert.Equal(7, (int)body["random_seed"]!);
        Assert.Equal("ft-abc:10", (string?)body["from_checkpoint"]);
        Assert.Null(body["metadata"]);

        var lora = TogetherFineTuningClient.ToBody(new FineTuningJobRequest { Model = Model, TrainingFileId = "f", Together = new TogetherTrainingOptions { LoraRank = 16 } });
        Assert.Equal("Lora", (string?)lora["training_type"]!["type"]);
        Assert.Equal(16, (int)lora["training_type"]!["lora_r"]!);
        Assert.Equal("sft", (string?)lora["training_method"]!["method"]);

        Assert.Throws<NotSupportedException>(() => TogetherFineTuningClient.ToBody(new FineTuningJobRequest { Model = Model, TrainingFileId = "f", Method = new SupervisedTraining { LearningRateMultiplier = 2 } }));
        Assert.Throws<NotSupportedException>(() => TogetherFineTuningClient.ToBody(new FineTuningJobRequest { Model = Model, TrainingFileId = "f", Wandb = new WandbIntegration { Project = "p" } }));
        Assert.Contains("lora_r", string.Join(" ", new FineTuningJobRequest { Model = Model, TrainingFileId = "f", Together = new TogetherTrainingOptions { FullFineTuning = true, LoraRank = 8 } }.Validate()), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new TogetherTrainingOptions { WandbApiKey = "secret" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_prices_a_Together_job_by_size_bracket_and_LoRA_or_Full_and_DPO_uses_its_own_price()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Together);
        var workflow = host.Services.GetRequiredService<FineTuningWorkflow>();
        var path = host.WriteDataset(count: 3000);
        var lora = await workflow.PlanAsync(path, new FineTuneRequest { Model = Model, Method = new SupervisedTraining { Epochs = 2 } }, CancellationToken.None);
        var full = await workflow.PlanAsync(path, new FineTuneRequest { Model = Model, Method = new SupervisedTraining { Epochs = 2 }, Together = new TogetherTrainingOptions { FullFineTuning = true } }, CancellationToken.None);
        Assert.True(lora.IsValid, string.Join(" | ", lora.Errors));
        var tokens = lora.Estimate!.BilledTokens;
        Assert.True(tokens > 0);
        Assert.Equal(Math.Round(tokens * 0.48m / 1_000_000m, 4, MidpointRounding.AwayFromZero), lora.EstimatedCostUsd);
        Assert.Equal("full", full.Estimate!.Tier);
        Assert.True(full.EstimatedCostUsd > lora.EstimatedCostUsd);

        var entry = ModelCatalog.BuiltIn.Find(ProviderCapabilities.Together.CatalogProvider, Model)!;
        Assert.Equal(["lora", "full", "lora-dpo", "full-dpo"], entry.Tiers.Select(t => t.Name));
        var estimator = new TrainingCostEstimator(ModelCatalog.BuiltIn);
        var builder = new DatasetTokenStatisticsBuilder();
        for (var i = 1; i <= 10; i++)
        {
            builder.Add(new FineTuning.Toolkit.Tokenization.ExampleTokenCounts { LineNumber = i, TotalTokens = 100_000, AssistantTokens = 50_000, TrainedTokens = 50_000, Messages = 2, UserMessages = 1, AssistantMessages = 1 });
        }

        var dpo = estimator.Estimate(new TrainingEstimateRequest { Provider = "together", Model = Model, Method = ModelTrainingMethods.Dpo, Epochs = 1 }, builder.Build());
        Assert.Equal("lora-dpo", dpo.Tier);
        Assert.Equal(1.20m, Math.Round(dpo.Cost!.Expected * 1_000_000m / dpo.BilledTokens, 2));
        var fullDpo = estimator.Estimate(new TrainingEstimateRequest { Provider = "together", Model = Model, Method = ModelTrainingMethods.Dpo, Epochs = 1, Tier = "full" }, builder.Build());
        Assert.Equal("full-dpo", fullDpo.Tier);
        Assert.Equal(1.35m, Math.Round(fullDpo.Cost!.Expected * 1_000_000m / fullDpo.BilledTokens, 2));
        Assert.Equal(2.90m, ModelCatalog.BuiltIn.Find("together", "meta-llama/Llama-3.3-70B-Instruct-Reference")!.Pricing.TrainingPerMillionTokens);
    }
}
