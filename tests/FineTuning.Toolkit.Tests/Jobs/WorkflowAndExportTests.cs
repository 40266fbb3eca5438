using System.Security.Cryptography;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class WorkflowAndExportTests
{
    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task FineTune_plans_uploads_creates_with_lineage_and_waits(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 50);
        var workflow = host.Services.GetRequiredService<FineTuningWorkflow>();
        var training = host.WriteDataset();
        var validation = host.WriteDataset("valid.jsonl", tag: "v");
        var request = new FineTuneRequest
        {
            Model = "gpt-4o-mini-2024-07-18",
            ValidationPath = validation,
            Method = new SupervisedTraining { Epochs = 2 },
            BudgetCapUsd = 100m,
            WaitForCompletion = true,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var result = await workflow.FineTuneAsync(training, request);
        Assert.Equal(FineTuneOutcome.Started, result.Outcome);
        Assert.True(result.Plan.IsValid, string.Join("; ", result.Plan.Errors));
        Assert.Equal(12, result.Plan.TrainingExamples);
        Assert.Equal(FineTuningJobStatus.Succeeded, result.Job!.Status);
        Assert.Equal(result.Plan.TrainingSha256, result.Job.Metadata[FineTuningWorkflow.DatasetHashKey]);
        Assert.Equal(ToolkitInfo.Version, result.Job.Metadata[FineTuningWorkflow.VersionKey]);
        Assert.Equal(result.Plan.ConfigHash, result.Job.Metadata[FineTuningWorkflow.ConfigHashKey]);
        Assert.Equal(result.Plan.IdempotencyKey, result.Job.Metadata[FineTuningJobRequest.IdempotencyMetadataKey]);

        // Running the same plan again returns the same job instead of paying twice.
        var again = await workflow.FineTuneAsync(training, request);
        Assert.Equal(FineTuneOutcome.Existing, again.Outcome);
        Assert.Equal(result.Job.Id, again.Job!.Id);
        Assert.Single(host.Emulator.State.GetJobs());
    }

    [Fact]
    public async Task Over_budget_or_without_approval_uploads_nothing_even_when_approved_and_invalid_data_is_rejected()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var workflow = host.Services.GetRequiredService<FineTuningWorkflow>();
        var training = host.WriteDataset();
        var notApproved = await workflow.FineTuneAsync(training, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18", BudgetCapUsd = 0m });
        Assert.Equal(FineTuneOutcome.OverBudget, notApproved.Outcome);
        Assert.Empty(host.Emulator.State.GetFiles());

        // A stated budget is a hard limit: an approval callback (the CLI's --yes) cannot override it.
        var approvedOverBudget = await workflow.FineTuneAsync(training, new FineTuneRequest
        {
            Model = "gpt-4o-mini-2024-07-18",
            BudgetCapUsd = 0.0001m,
            Approve = (_, _) => ValueTask.FromResult(true),
        });
        Assert.Equal(FineTuneOutcome.OverBudget, approvedOverBudget.Outcome);
        Assert.True(approvedOverBudget.Plan.OverBudget);
        Assert.Empty(host.Emulator.State.GetFiles());
        Assert.Empty(host.Emulator.State.GetJobs());

        var noCallback = await workflow.FineTuneAsync(training, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18" });
        Assert.Equal(FineTuneOutcome.NotApproved, noCallback.Outcome);
        Assert.Empty(host.Emulator.State.GetFiles());

        FineTuningPlan? asked = null;
        var approved = await workflow.FineTuneAsync(training, new FineTuneRequest
        {
            Model = "gpt-4o-mini-2024-07-18",
            Approve = (plan, _) => { asked = plan; return ValueTask.FromResult(true); },
        });
        Assert.NotNull(asked);
        Assert.Equal(FineTuneOutcome.Started, approved.Outcome);

        var bad = Path.Combine(host.Folder, "bad.jsonl");
        await File.WriteAllTextAsync(bad, "{\"messages\":[]}\nnot json\n");
        var invalid = await workflow.FineTuneAsync(bad, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18", Approve = (_, _) => ValueTask.FromResult(true) });
        Assert.Equal(FineTuneOutcome.Invalid, invalid.Outcome);
        Assert.Contains(invalid.Plan.Errors, e => e.Contains("line 2", StringComparison.Ordinal));
        Assert.Single(host.Emulator.State.GetJobs());
    }

    [Fact]
    public async Task A_method_that_does_not_fit_the_file_is_a_plan_error_and_nothing_is_uploaded()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var workflow = host.Services.GetRequiredService<FineTuningWorkflow>();
        var chat = host.WriteDataset();
        var dpoOnChat = await workflow.FineTuneAsync(chat, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18", Method = new DpoTraining(), Approve = (_, _) => ValueTask.FromResult(true) });
        Assert.Equal(FineTuneOutcome.Invalid, dpoOnChat.Outcome);
        Assert.Contains(dpoOnChat.Plan.Errors, e => e.StartsWith("training: the file is in chat format", StringComparison.Ordinal) && e.Contains("dpo", StringComparison.Ordinal));

        var preference = Path.Combine(host.Folder, "dpo.jsonl");
        await File.WriteAllLinesAsync(preference, Enumerable.Range(0, 12).Select(i =>
            $"{{\"input\":{{\"messages\":[{{\"role\":\"user\",\"content\":\"q{i}\"}}]}},\"preferred_output\":[{{\"role\":\"assistant\",\"content\":\"good\"}}],\"non_preferred_output\":[{{\"role\":\"assistant\",\"content\":\"bad\"}}]}}"));
        var sftOnPreference = await workflow.FineTuneAsync(preference, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18", Method = new SupervisedTraining(), Approve = (_, _) => ValueTask.FromResult(true) });
        Assert.Equal(FineTuneOutcome.Invalid, sftOnPreference.Outcome);
        Assert.Contains(sftOnPreference.Plan.Errors, e => e.Contains("preference format", StringComparison.Ordinal));

        var dpoOnPreference = await workflow.PlanAsync(preference, new FineTuneRequest { Model = "gpt-4o-mini-2024-07-18", Method = new DpoTraining() });
        Assert.True(dpoOnPreference.IsValid, string.Join("; ", dpoOnPreference.Errors));
        Assert.Empty(host.Emulator.State.GetFiles());
        Assert.Empty(host.Emulator.State.GetJobs());
    }

    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task Export_writes_jobs_and_files_verified_and_resumes(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 100);
        var path = host.WriteDataset();
        var upload = await host.Uploader.UploadAsync(path);
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
        await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        var exporter = host.Services.GetRequiredService<FineTuningExporter>();
        var folder = Path.Combine(host.Folder, "export");

        var first = await exporter.ExportAsync(folder);
        Assert.Equal(1, first.Jobs);
        Assert.Equal(2, first.FilesDownloaded);
        Assert.Empty(first.Problems);
        Assert.True(File.Exists(Path.Combine(folder, "jobs", job.Id, "job.json")));
        Assert.NotEmpty(await File.ReadAllLinesAsync(Path.Combine(folder, "jobs", job.Id, "events.jsonl")));
        var exported = Path.Combine(folder, "files", upload.File.Id, upload.File.FileName!);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), SHA256.HashData(await File.ReadAllBytesAsync(exported)));
        Assert.Empty(Directory.EnumerateFiles(folder, "*tmp", SearchOption.AllDirectories));

        var second = await exporter.ExportAsync(folder);
        Assert.Equal(0, second.FilesDownloaded);
        Assert.Equal(2, second.FilesSkipped);

        await File.WriteAllTextAsync(exported, "corrupted");
        var third = await exporter.ExportAsync(folder);
        Assert.Equal(1, third.FilesDownloaded);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), SHA256.HashData(await File.ReadAllBytesAsync(exported)));
    }
}
