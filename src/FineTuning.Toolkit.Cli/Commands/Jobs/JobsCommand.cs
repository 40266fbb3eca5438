using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Jobs;

/// <summary><c>ftk jobs list|show|cancel|pause|resume|events|checkpoints|metrics|results|download-weights</c>.</summary>
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
        jobs.Add(Results());
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
        var command = new Command("metrics", "Analyse a job's metrics (or a local result CSV with --file): overfitting, the number of epochs to use and the checkpoint to deploy.");
        var id = new Argument<string?>("ID") { Description = "The job id (omit with --file).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "A local result CSV (step,train_loss,valid_loss,...) to analyse instead of a job's." }.ExistingFile();
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = $"With --file: the epochs the run trained (default: one per full_valid_loss row). A job's own n_epochs is used otherwise." }.InRange(1, FineTuningLimits.MaxEpochs);
        var json = Json();
        command.Add(id);
        command.Add(file);
        command.Add(epochs);
        command.Add(json);
        command.Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is { } text && !string.IsNullOrWhiteSpace(text);
            var hasFile = result.GetResult(file) is { Implicit: false };
            if (hasId == hasFile)
            {
                result.AddError(hasId ? "Give either a job ID or --file, not both." : "Give a job ID or --file results.csv.");
            }
        });
        var connection = AddConnection(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(file) is { } local)
            {
                TrainingMetrics parsed;
                using (var reader = new StreamReader(local.FullName))
                {
                    try
                    {
                        parsed = await TrainingMetrics.ParseAsync(reader, ct).ConfigureAwait(false);
                    }
                    catch (FormatException ex)
                    {
                        throw new CliInputException($"--file {local.Name}: not a result CSV: {ex.Message}");
                    }
                }

                return await WriteMetricsAsync(parse.InvocationConfiguration.Output, parse.GetValue(json), null, local.FullName, parsed, [], parsed.RecommendEpochs(parse.GetValue(epochs))).ConfigureAwait(false);
            }

            return await RunAsync(parse, connection, async (services, output) =>
            {
                var client = JobClient(services);
                var jobId = parse.GetValue(id)!.Trim();
                if (await WithResultsAsync(parse, client, jobId, ct).ConfigureAwait(false) is not { } job)
                {
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

                var trained = job.Hyperparameters.TryGetValue("n_epochs", out var n) && int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : (int?)null;
                return await WriteMetricsAsync(output, parse.GetValue(json), jobId, null, metrics, checkpoints, metrics.RecommendEpochs(trained)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The job when it exists and has result files; otherwise <see langword="null"/> after saying why.</summary>
    private static async Task<FineTuningJobInfo?> WithResultsAsync(ParseResult parse, IFineTuningJobClient client, string jobId, CancellationToken ct)
    {
        var job = await client.GetJobAsync(jobId, ct).ConfigureAwait(false);
        var problem = job is null ? $"job {jobId} does not exist." : job.ResultFileIds.Count == 0 ? $"job {jobId} has no result file yet (status {job.Status})." : null;
        if (problem is not null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            return null;
        }

        return job;
    }

    /// <summary>Renders the library's analysis (overfitting, epochs, checkpoint) as text or JSON.</summary>
    private static async Task<int> WriteMetricsAsync(TextWriter output, bool json, string? jobId, string? path, TrainingMetrics metrics, IReadOnlyList<FineTuningCheckpointInfo> checkpoints, EpochRecommendation? epochs)
    {
        var analysis = metrics.Analyze();
        var recommendation = metrics.RecommendCheckpoint(checkpoints);
        if (json)
        {
            await CliJson.WriteAsync(output, JobMetricsJson.From(jobId, path, metrics, analysis, recommendation, epochs), CliJsonContext.Default.JobMetricsJson).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"{metrics.Points.Count} steps; columns: {string.Join(", ", metrics.Columns)}").ConfigureAwait(false);
        foreach (var problem in metrics.Problems)
        {
            await output.WriteLineAsync("warning: " + problem).ConfigureAwait(false);
        }

        await output.WriteLineAsync(analysis.Summary).ConfigureAwait(false);
        await output.WriteLineAsync("epochs: " + (epochs?.Reason ?? "no advice (needs validation metrics over at least 2 epochs; add a validation file, or pass --epochs N with --file)")).ConfigureAwait(false);
        if (recommendation is not null)
        {
            await output.WriteLineAsync($"recommended checkpoint: {recommendation.Checkpoint.FineTunedModelCheckpoint ?? recommendation.Checkpoint.Id} ({recommendation.Reason})").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static Command Results()
    {
        var command = new Command("results", "Download a job's result files (the per-step metrics CSV) to a folder; each is written whole or not at all.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var folder = new Option<DirectoryInfo?>("--out", "-o") { Description = "The folder to write to (default: ./JOB_ID-results; created when missing)." }.FolderPath();
        var json = Json();
        command.Add(id);
        command.Add(folder);
        command.Add(json);
        command.OnInterrupt("Files already downloaded are kept whole; nothing partial is left. Run the same command again.");
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var jobId = parse.GetValue(id)!.Trim();
            if (await WithResultsAsync(parse, JobClient(services), jobId, ct).ConfigureAwait(false) is not { } job)
            {
                return ExitCodes.Failure;
            }

            var destination = Directory.CreateDirectory(parse.GetValue(folder)?.FullName ?? Path.GetFullPath(FileDownload.SafeFileName(jobId) + "-results")).FullName;
            var files = services.GetRequiredService<IFineTuningFileClient>();
            var written = new List<DownloadedFileJson>();
            foreach (var fileId in job.ResultFileIds)
            {
                var info = await files.GetFileAsync(fileId, ct).ConfigureAwait(false);
                var path = Path.Combine(destination, FileDownload.SafeFileName(info?.FileName ?? fileId));
                var (bytes, sha) = await FileDownload.ToFileAsync(files, fileId, path, info?.Bytes ?? 0, ct).ConfigureAwait(false);
                written.Add(new DownloadedFileJson(fileId, path, bytes, sha));
                if (!parse.GetValue(json))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{fileId} -> {path} ({bytes:N0} bytes)")).ConfigureAwait(false);
                }
            }

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, new JobResultsJson(jobId, destination, written), CliJsonContext.Default.JobResultsJson).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"Analyse them with: ftk jobs metrics --file {Path.Combine(destination, Path.GetFileName(written[0].Path))}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
