using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Jobs;

/// <summary><c>ftk jobs list|show|cancel|pause|resume|events|checkpoints|metrics|download-weights</c>.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var jobs = new Command("jobs", "List and manage fine-tuning jobs.");
        jobs.Add(List());
        jobs.Add(Show());
        jobs.Add(Action("cancel", "Cancel a job.", (c, id, ct) => c.CancelJobAsync(id, ct)));
        jobs.Add(Action("pause", "Pause a running job.", (c, id, ct) => c.PauseJobAsync(id, ct)));
        jobs.Add(Action("resume", "Resume a paused job.", (c, id, ct) => c.ResumeJobAsync(id, ct)));
        jobs.Add(Events());
        jobs.Add(Checkpoints());
        jobs.Add(Metrics());
        jobs.Add(DownloadWeights());
        return jobs;
    }

    /// <summary><c>ftk jobs download-weights ID [--checkpoint merged|adapter] [--out FILE] [--json]</c>: where the provider lets users download the trained weights (Together AI).</summary>
    private static Command DownloadWeights()
    {
        var command = new Command("download-weights", "Download a finished job's trained weights (Together AI only): streamed to disk, resumed after an interruption, verified, written atomically.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var checkpoint = new Option<string>("--checkpoint") { Description = "merged (the whole model) or adapter (the LoRA adapter).", DefaultValueFactory = _ => "merged" }.OneOf("merged", "adapter");
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: ID-CHECKPOINT.tar.zst in the current folder)." };
        var json = Json();
        command.Add(id);
        command.Add(checkpoint);
        command.Add(output);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, writer) =>
        {
            var capabilities = services.GetRequiredService<Connections.IFineTuningConnection>().Capabilities;
            if (!capabilities.SupportsWeightDownload)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {capabilities.Name} does not let users download the trained weights; only Together AI does (--provider together).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var jobId = parse.GetValue(id)!;
            var kind = parse.GetValue(checkpoint) == "adapter" ? ModelWeightsCheckpoint.Adapter : ModelWeightsCheckpoint.Merged;
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"{jobId}-{kind.ToString().ToLowerInvariant()}.tar.zst");
            var result = await services.GetRequiredService<IModelWeightsClient>().DownloadWeightsAsync(jobId, path, kind, null, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var body = new System.Text.Json.Nodes.JsonObject
                {
                    ["job_id"] = result.JobId,
                    ["checkpoint"] = kind.ToString().ToLowerInvariant(),
                    ["path"] = result.Path,
                    ["bytes"] = result.Bytes,
                    ["sha256"] = result.Sha256,
                    ["verified_by"] = result.VerifiedBy,
                    ["resumed_from_bytes"] = result.ResumedFromBytes,
                };
                using var document = System.Text.Json.JsonDocument.Parse(body.ToJsonString());
                await WriteJsonAsync(writer, document.RootElement).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteLineAsync($"{result.Path}: {result.Bytes} bytes, sha256 {result.Sha256} (verified by {result.VerifiedBy}{(result.ResumedFromBytes > 0 ? $", resumed from byte {result.ResumedFromBytes}" : string.Empty)})").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List jobs, newest first.");
        var limit = new Option<int>("--limit") { Description = "How many jobs to show.", DefaultValueFactory = _ => 20 }.InRange(1, Check.MaxCount);
        var metadata = new Option<string[]>("--metadata") { Description = "Only jobs with this metadata (key=value, repeatable).", AllowMultipleArgumentsPerToken = false };
        var json = Json();
        command.Add(limit);
        command.Add(metadata);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var filter = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(metadata) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliUsageException($"--metadata '{pair}' must be key=value.");
                }

                filter[pair[..eq]] = pair[(eq + 1)..];
            }

            var max = parse.GetValue(limit);
            var found = new List<FineTuningJobInfo>();
            await foreach (var job in JobClient(services).ListJobsAsync(new JobListOptions { Metadata = filter, PageSize = Math.Min(max, 100) }, ct).ConfigureAwait(false))
            {
                found.Add(job);
                if (found.Count >= max)
                {
                    break;
                }
            }

            if (parse.GetValue(json))
            {
                await WriteJsonArrayAsync(output, found.Select(j => j.RawRepresentation)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (found.Count == 0)
            {
                await output.WriteLineAsync("No jobs.").ConfigureAwait(false);
            }

            foreach (var job in found)
            {
                await output.WriteLineAsync($"{job.Id}  {job.Status.Value,-16} {job.Model,-28} {job.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}  {job.FineTunedModel}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show one job.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var job = await JobClient(services).GetJobAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (job is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: job {parse.GetValue(id)} does not exist.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (parse.GetValue(json))
            {
                await WriteJsonAsync(output, job.RawRepresentation).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(Describe(job)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Action(string name, string description, Func<IFineTuningJobClient, string, CancellationToken, Task<FineTuningJobInfo>> act)
    {
        var command = new Command(name, description);
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var job = await act(JobClient(services), parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await WriteJsonAsync(output, job.RawRepresentation).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{job.Id}: {job.Status}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Events()
    {
        var command = new Command("events", "Print a job's events, oldest first.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var events = new List<FineTuningEventInfo>();
            await foreach (var e in JobClient(services).ListEventsAsync(parse.GetValue(id)!, cancellationToken: ct).ConfigureAwait(false))
            {
                events.Add(e);
            }

            if (parse.GetValue(json))
            {
                await WriteJsonArrayAsync(output, events.Select(e => e.RawRepresentation)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var e in events)
            {
                await output.WriteLineAsync($"{e.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} {e.Level,-5} {e.Message}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Checkpoints()
    {
        var command = new Command("checkpoints", "Print a job's checkpoints.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var checkpoints = new List<FineTuningCheckpointInfo>();
            await foreach (var c in JobClient(services).ListCheckpointsAsync(parse.GetValue(id)!, ct).ConfigureAwait(false))
            {
                checkpoints.Add(c);
            }

            if (parse.GetValue(json))
            {
                await WriteJsonArrayAsync(output, checkpoints.Select(c => c.RawRepresentation)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (checkpoints.Count == 0)
            {
                await output.WriteLineAsync("No checkpoints.").ConfigureAwait(false);
            }

            foreach (var c in checkpoints.OrderBy(c => c.StepNumber))
            {
                await output.WriteLineAsync($"step {c.StepNumber,6}  train_loss={Format(c.Metrics.TrainLoss)}  valid_loss={Format(c.Metrics.ValidLoss)}  full_valid_loss={Format(c.Metrics.FullValidLoss)}  {c.FineTunedModelCheckpoint}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Metrics()
    {
        var command = new Command("metrics", "Download a job's metrics, check for overfitting and recommend a checkpoint.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var client = JobClient(services);
            var jobId = parse.GetValue(id)!;
            var job = await client.GetJobAsync(jobId, ct).ConfigureAwait(false);
            if (job is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: job {jobId} does not exist.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (job.ResultFileIds.Count == 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: job {jobId} has no result file yet (status {job.Status}).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var files = services.GetRequiredService<IFineTuningFileClient>();
            using var csv = new MemoryStream();
            await files.DownloadFileAsync(job.ResultFileIds[0], csv, ct).ConfigureAwait(false);
            csv.Position = 0;
            using var reader = new StreamReader(csv);
            var metrics = await TrainingMetrics.ParseAsync(reader, ct).ConfigureAwait(false);
            var checkpoints = new List<FineTuningCheckpointInfo>();
            await foreach (var c in client.ListCheckpointsAsync(jobId, ct).ConfigureAwait(false))
            {
                checkpoints.Add(c);
            }

            var analysis = metrics.Analyze();
            var recommendation = metrics.RecommendCheckpoint(checkpoints);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, JobMetricsJson.From(jobId, metrics, analysis, recommendation), CliJsonContext.Default.JobMetricsJson).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{metrics.Points.Count} steps; columns: {string.Join(", ", metrics.Columns)}").ConfigureAwait(false);
            foreach (var problem in metrics.Problems)
            {
                await output.WriteLineAsync("warning: " + problem).ConfigureAwait(false);
            }

            await output.WriteLineAsync(analysis.Summary).ConfigureAwait(false);
            if (recommendation is not null)
            {
                await output.WriteLineAsync($"recommended checkpoint: {recommendation.Checkpoint.FineTunedModelCheckpoint ?? recommendation.Checkpoint.Id} ({recommendation.Reason})").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
