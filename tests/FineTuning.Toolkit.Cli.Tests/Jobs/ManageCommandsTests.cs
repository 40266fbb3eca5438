using System.Globalization;
using System.Text;
using System.Text.Json;
using static FineTuning.Toolkit.Cli.Tests.CliRun;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary>Issue 15: managing what was trained from the CLI (files, models, result files, metrics) against the emulator. They read OPENAI_API_KEY, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ManageCommandsTests
{
    [Fact]
    public async Task Files_models_results_and_metrics_end_to_end()
    {
        await using var session = await CliEmulatorSession.StartAsync(new OpenAIEmulatorOptions { Speed = 200, StepsPerEpoch = 4 }, "ftk-manage-");
        var emulator = session.Emulator;
        var dir = session.Folder;
        var train = session.Write("train.jsonl", CliEmulatorSession.ChatLines());
        var net = session.Net;

        var (code, output, error) = await RunAsync(["train", train, "--model", "gpt-4o-mini-2024-07-18", "--validation", train, "--epochs", "3", "--yes", "--wait", .. net]);
        Assert.True(code == 0, output + error);
        var job = Assert.Single(emulator.State.GetJobs());
        Assert.True(output.IndexOf($"Started {job.Id}", StringComparison.Ordinal) is >= 0 and var started && started < output.IndexOf($"{job.Id} succeeded", StringComparison.Ordinal), "the job id comes first:\n" + output);

        // Files: list, show, download (same bytes, nothing partial left), delete, and a missing one.
        (code, output, error) = await RunAsync(["files", "list", .. net]);
        Assert.True(code == 0, error);
        var trainingFile = job.TrainingFileId;
        Assert.Contains(trainingFile, output, StringComparison.Ordinal);
        (code, output, _) = await RunAsync(["files", "show", trainingFile, .. net]);
        Assert.Equal(0, code);
        Assert.Contains("purpose:  fine-tune", output, StringComparison.Ordinal);
        var copy = Path.Combine(dir, "copy.jsonl");
        (code, output, error) = await RunAsync(["files", "download", trainingFile, "--out", copy, .. net]);
        Assert.True(code == 0, error);
        Assert.Equal(await File.ReadAllBytesAsync(train), await File.ReadAllBytesAsync(copy));
        Assert.Single(Directory.GetFiles(dir, "copy*"));

        // Result files: downloaded whole into the folder, then analysed locally.
        var results = Path.Combine(dir, "results");
        (code, output, error) = await RunAsync(["jobs", "results", job.Id, "--out", results, .. net]);
        Assert.True(code == 0, error);
        var csv = Assert.Single(Directory.GetFiles(results));
        Assert.StartsWith("step,", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
        (code, output, error) = await RunAsync(["jobs", "metrics", "--file", csv]);
        Assert.True(code == 0, error);
        Assert.Contains("epochs:", output, StringComparison.Ordinal);
        (code, output, error) = await RunAsync(["jobs", "metrics", job.Id, .. net]);
        Assert.True(code == 0, error);
        Assert.Contains("epochs:", output, StringComparison.Ordinal);
        Assert.Contains("recommended checkpoint", output, StringComparison.Ordinal);

        // Models on the service: the fine-tuned one is listed alone with --fine-tuned and can be deleted; a base model cannot.
        (code, output, error) = await RunAsync(["models", "list", "--fine-tuned", .. net]);
        Assert.True(code == 0, error);
        Assert.Contains(job.FineTunedModel!, output, StringComparison.Ordinal);
        Assert.DoesNotContain("gpt-4o-mini-2024-07-18 ", output.Replace(job.FineTunedModel!, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        (code, _, error) = await RunAsync(["models", "delete", "gpt-4o-mini-2024-07-18", .. net]);
        Assert.Equal(1, code);
        Assert.Contains("fine-tuned", error, StringComparison.Ordinal);
        (code, output, error) = await RunAsync(["models", "delete", job.FineTunedModel!, .. net]);
        Assert.True(code == 0, error);
        (code, output, _) = await RunAsync(["models", "list", "--fine-tuned", .. net]);
        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith(job.FineTunedModel! + " ", StringComparison.Ordinal));
        (code, _, error) = await RunAsync(["models", "delete", job.FineTunedModel!, .. net]);
        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        (code, output, error) = await RunAsync(["files", "delete", trainingFile, .. net]);
        Assert.True(code == 0, error);
        (code, _, error) = await RunAsync(["files", "show", trainingFile, .. net]);
        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_of_a_local_csv_recommend_the_epochs_where_validation_loss_was_best()
    {
        var dir = Directory.CreateTempSubdirectory("ftk-metrics-").FullName;
        try
        {
            var csv = Path.Combine(dir, "results.csv");
            var text = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,full_valid_loss,full_valid_mean_token_accuracy\n");
            double[] losses = [1.0, 0.8, 0.85, 0.95, 1.1];
            for (var step = 1; step <= 20; step++)
            {
                var epochLoss = losses[(step - 1) / 4];
                text.Append(CultureInfo.InvariantCulture, $"{step},{2.0 / step:0.####},0.5,{epochLoss},0.5,{(step % 4 == 0 ? epochLoss.ToString(CultureInfo.InvariantCulture) : string.Empty)},\n");
            }

            await File.WriteAllTextAsync(csv, text.ToString());
            var (code, output, error) = await RunAsync(["jobs", "metrics", "--file", csv]);
            Assert.True(code == 0, error);
            Assert.Contains("epochs: validation loss rose after epoch 2 of 5", output, StringComparison.Ordinal);
            Assert.Contains("try 2 epochs", output, StringComparison.Ordinal);

            (code, output, error) = await RunAsync(["jobs", "metrics", "--file", csv, "--json"]);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            var epochs = json.RootElement.GetProperty("epochs");
            Assert.Equal(2, epochs.GetProperty("recommended_epochs").GetInt32());
            Assert.Equal(5, epochs.GetProperty("trained_epochs").GetInt32());
            Assert.True(json.RootElement.GetProperty("analysis").GetProperty("likely_overfitting").GetBoolean());
            Assert.Equal(csv, json.RootElement.GetProperty("file").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_cancelled_job_is_drawn_stopped_where_it_stopped_not_as_a_full_green_bar()
    {
        var cancelled = new FineTuningJobInfo { Id = "ftjob-1", Status = FineTuningJobStatus.Cancelled };
        var (value, description) = JobProgress.Final(cancelled, 778, 1200);
        Assert.Equal(778, value);
        Assert.Contains("CANCELLED at step 778/1200", description, StringComparison.Ordinal);
        Assert.StartsWith("[red]", description, StringComparison.Ordinal);

        var failed = new FineTuningJobInfo { Id = "ftjob-2", Status = FineTuningJobStatus.Failed, Error = new FineTuningJobError { Code = "invalid_training_file", Message = "bad line 3" } };
        (value, description) = JobProgress.Final(failed, 10, 40);
        Assert.Equal(10, value);
        Assert.Contains("FAILED at step 10/40", description, StringComparison.Ordinal);
        Assert.Contains("bad line 3", description, StringComparison.Ordinal);

        var succeeded = new FineTuningJobInfo { Id = "ftjob-3", Status = FineTuningJobStatus.Succeeded, FineTunedModel = "ft:x" };
        (value, description) = JobProgress.Final(succeeded, 39, 40);
        Assert.Equal(40, value);
        Assert.StartsWith("[green]", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_a_cancelled_job_says_cancelled_and_exits_1()
    {
        var clock = new EmulatorClock();
        await using var session = await CliEmulatorSession.StartAsync(new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 10,
            StepDuration = TimeSpan.FromSeconds(10),
        }, "ftk-watch-");
        var emulator = session.Emulator;
        var train = session.Write("train.jsonl", CliEmulatorSession.ChatLines());
        var net = session.Net;
        var (code, output, error) = await RunAsync(["train", train, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "3", "--yes", .. net]);
        Assert.True(code == 0, output + error);
        var jobId = Assert.Single(emulator.State.GetJobs()).Id;
        clock.Advance(TimeSpan.FromSeconds(120));
        (code, _, error) = await RunAsync(["jobs", "cancel", jobId, .. net]);
        Assert.True(code == 0, error);
        (code, output, _) = await RunAsync(["watch", jobId, .. net]);
        Assert.Equal(1, code);
        Assert.Contains($"{jobId} cancelled", output, StringComparison.Ordinal);
        Assert.DoesNotContain("succeeded", output, StringComparison.Ordinal);
    }
}
