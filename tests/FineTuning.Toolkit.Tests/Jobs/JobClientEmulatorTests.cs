using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class JobClientEmulatorTests
{
    public static TheoryData<FineTuningProvider> Providers => new() { FineTuningProvider.OpenAI, FineTuningProvider.Azure };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upload_create_get_list_cancel_round_trip(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 1);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        Assert.False(upload.Reused);
        Assert.Equal("files", upload.Method);
        Assert.True(upload.File.IsProcessed);

        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = upload.File.Id,
            Suffix = "unit",
            Seed = 7,
            Method = new SupervisedTraining { Epochs = 2, BatchSize = HyperparameterValue.Auto, LearningRateMultiplier = 0.5 },
            Metadata = new Dictionary<string, string> { ["team"] = "search" },
        });
        Assert.StartsWith("ftjob-", job.Id, StringComparison.Ordinal);
        Assert.Equal("gpt-4o-mini-2024-07-18", job.Model);
        Assert.Equal("search", job.Metadata["team"]);
        Assert.True(job.Metadata.ContainsKey(FineTuningJobRequest.IdempotencyMetadataKey));
        Assert.Equal(7, job.Seed);

        var fetched = await host.Jobs.GetJobAsync(job.Id);
        Assert.NotNull(fetched);
        Assert.Equal(job.Id, fetched.Id);
        Assert.Equal(upload.File.Id, fetched.TrainingFileId);

        var listed = new List<FineTuningJobInfo>();
        await foreach (var j in host.Jobs.ListJobsAsync(new JobListOptions { Metadata = new Dictionary<string, string> { ["team"] = "search" } }))
        {
            listed.Add(j);
        }

        Assert.Single(listed);
        var none = 0;
        await foreach (var j in host.Jobs.ListJobsAsync(new JobListOptions { Metadata = new Dictionary<string, string> { ["team"] = "nobody" } }))
        {
            none++;
        }

        Assert.Equal(0, none);

        var cancelled = await host.Jobs.CancelJobAsync(job.Id);
        Assert.Equal(FineTuningJobStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.Status.IsTerminal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Get_unknown_job_returns_null_and_bad_request_raises_typed_exception(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider);
        Assert.Null(await host.Jobs.GetJobAsync("ftjob-doesnotexist"));
        Assert.Null(await host.Files.GetFileAsync("file-doesnotexist"));

        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-nonexistent",
            TrainingFileId = "file-nope",
        }));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("model_not_available", ex.ErrorCode);
        Assert.NotNull(ex.RequestId);
        Assert.DoesNotContain(host.Emulator.ApiKey, ex.ToString(), StringComparison.Ordinal);

        var badFile = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = "file-nope",
        }));
        Assert.Equal("training_file", badFile.Param);
    }

    [Fact]
    public async Task Invalid_request_is_rejected_before_calling_the_service()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = "file-x",
            Method = new DpoTraining { Beta = 3 },
        }));
        Assert.Contains("beta", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.State.GetJobs());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Watch_reports_status_events_metrics_checkpoints_and_completes(FineTuningProvider provider)
    {
        // Speed 5 keeps the job running for over a second of real time, so that the 20 ms polls see it running even when the
        // machine is loaded (at speed 20 a delayed poll once went from pending straight past running).
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 5);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = upload.File.Id,
            ValidationFileId = upload.File.Id,
            Method = new SupervisedTraining { Epochs = 3 },
        });

        var updates = new List<JobUpdate>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var update in host.Monitor.WatchAsync(job.Id, cts.Token))
        {
            updates.Add(update);
        }

        Assert.Equal(JobUpdateKind.Completed, updates[^1].Kind);
        Assert.Equal(FineTuningJobStatus.Succeeded, updates[^1].Job.Status);
        Assert.NotNull(updates[^1].Job.FineTunedModel);
        Assert.Contains(updates, u => u.Kind == JobUpdateKind.StatusChanged && u.Job.Status == FineTuningJobStatus.Running);
        var metrics = updates.Where(u => u.Metrics is not null).Select(u => u.Metrics!).ToList();
        Assert.NotEmpty(metrics);
        Assert.True(metrics.Select(m => m.Step).SequenceEqual(metrics.Select(m => m.Step).Order()), "metrics arrive oldest first");
        Assert.Contains(updates, u => u.Kind == JobUpdateKind.Checkpoint);
        var eventIds = updates.Where(u => u.Event is not null).Select(u => u.Event!.Id).ToList();
        Assert.Equal(eventIds.Count, eventIds.Distinct().Count());

        var events = new List<FineTuningEventInfo>();
        await foreach (var e in host.Jobs.ListEventsAsync(job.Id))
        {
            events.Add(e);
        }

        Assert.Equal(eventIds.Count, events.Count);
        Assert.True(events.Select(e => e.CreatedAt).SequenceEqual(events.Select(e => e.CreatedAt).Order()));

        var checkpoints = new List<FineTuningCheckpointInfo>();
        await foreach (var c in host.Jobs.ListCheckpointsAsync(job.Id))
        {
            checkpoints.Add(c);
        }

        Assert.InRange(checkpoints.Count, 1, 3);
        Assert.All(checkpoints, c => Assert.Equal(job.Id, c.JobId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pause_and_resume(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 5);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id, Method = new SupervisedTraining { Epochs = 5 } });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var update in host.Monitor.WatchAsync(job.Id, cts.Token))
        {
            if (update.Metrics is not null)
            {
                break;
            }
        }

        var paused = await host.Jobs.PauseJobAsync(job.Id);
        Assert.True(paused.Status.IsPaused, paused.Status.Value);
        Assert.False(paused.Status.IsTerminal);
        var resumed = await host.Jobs.ResumeJobAsync(job.Id);
        Assert.False(resumed.Status.IsPaused);
        var final = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(FineTuningJobStatus.Succeeded, final.Status);
    }

    [Fact]
    public async Task WaitForCompletion_times_out_with_TimeoutException()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, e => e.Speed = 1);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
        var updates = new List<JobUpdate>();
        await Assert.ThrowsAsync<TimeoutException>(() => host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromMilliseconds(300), new SyncProgress<JobUpdate>(updates.Add)));
        Assert.NotEmpty(updates);
        await host.Jobs.CancelJobAsync(job.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dpo_and_reinforcement_requests_reach_the_service_with_typed_methods(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider);
        var dpoPath = Path.Combine(host.Folder, "dpo.jsonl");
        await File.WriteAllLinesAsync(dpoPath, Enumerable.Range(0, 12).Select(i =>
            $"{{\"input\":{{\"messages\":[{{\"role\":\"user\",\"content\":\"q{i}\"}}]}},\"preferred_output\":[{{\"role\":\"assistant\",\"content\":\"good {i}\"}}],\"non_preferred_output\":[{{\"role\":\"assistant\",\"content\":\"bad {i}\"}}]}}"));
        var dpoFile = await host.Uploader.UploadAsync(dpoPath);
        var dpo = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = provider == FineTuningProvider.Azure ? "gpt-4.1-mini" : "gpt-4o-mini", // Azure has no DPO for gpt-4o-mini (supported-models table)
            TrainingFileId = dpoFile.File.Id,
            Method = new DpoTraining { Beta = 0.1, Epochs = 1 },
            AzureTrainingType = AzureTrainingType.GlobalStandard,
        });
        Assert.Equal("dpo", dpo.MethodType);
        Assert.Equal("0.1", dpo.Hyperparameters["beta"]);

        var rftPath = Path.Combine(host.Folder, "rft.jsonl");
        await File.WriteAllLinesAsync(rftPath, Enumerable.Range(0, 12).Select(i =>
            $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"2+{i}?\"}}],\"reference_answer\":\"{2 + i}\"}}"));
        var rftFile = await host.Uploader.UploadAsync(rftPath);
        var grader = new MultiGrader(
            "combined",
            new Dictionary<string, Grader>
            {
                ["exact"] = new StringCheckGrader("exact", "{{sample.output_text}}", "{{item.reference_answer}}"),
                ["close"] = new TextSimilarityGrader("close", "{{sample.output_text}}", "{{item.reference_answer}}", "fuzzy_match"),
            },
            "0.5 * exact + 0.5 * close");
        var rft = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "o4-mini",
            TrainingFileId = rftFile.File.Id,
            ValidationFileId = rftFile.File.Id,
            Method = new ReinforcementTraining(grader) { ReasoningEffort = "low", EvalInterval = 2 },
        });
        Assert.Equal("reinforcement", rft.MethodType);
        Assert.Equal("multi", rft.RawRepresentation.GetProperty("method").GetProperty("reinforcement").GetProperty("grader").GetProperty("type").GetString());
    }
}
