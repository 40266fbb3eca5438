using System.Globalization;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>
/// The one live view of a running job, used by <c>ftk watch</c>, <c>ftk train --wait</c> and <c>ftk quickstart</c>: a
/// progress bar on a terminal, one line per change otherwise. A cancelled or failed job is drawn as such (a red bar
/// stopped where the job stopped), never as a finished one.
/// </summary>
internal static class JobProgress
{
    /// <summary>Follows <paramref name="jobId"/> until it ends and returns its last state.</summary>
    /// <param name="console">The console for the bar (used when it is interactive).</param>
    /// <param name="lines">Where the line-per-change view goes when the console is not interactive.</param>
    /// <param name="monitor">The job monitor.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="observe">Called with every update (e.g. to keep the metrics), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job's last state.</returns>
    public static Task<FineTuningJobInfo> FollowAsync(IAnsiConsole console, TextWriter lines, FineTuningJobMonitor monitor, string jobId, Action<JobUpdate>? observe, CancellationToken cancellationToken) =>
        console.Profile.Capabilities.Interactive
            ? WithBarAsync(console, monitor, jobId, observe, cancellationToken)
            : AsLinesAsync(lines, monitor, jobId, observe, cancellationToken);

    /// <summary>
    /// Follows a job with the shared live view: on the command's output, or on standard error when the output is
    /// <c>--json</c> (so the JSON stays one document).
    /// </summary>
    /// <param name="parse">The command's parse result (its writers).</param>
    /// <param name="services">The toolkit's services.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="json">Whether the output is <c>--json</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job's last state.</returns>
    public static Task<FineTuningJobInfo> FollowAsync(System.CommandLine.ParseResult parse, IServiceProvider services, string jobId, bool json, CancellationToken cancellationToken)
    {
        var writer = json ? parse.InvocationConfiguration.Error : parse.InvocationConfiguration.Output;
        return FollowAsync(CliConsole.For(writer), writer, services.GetRequiredService<FineTuningJobMonitor>(), jobId, null, cancellationToken);
    }

    /// <summary>The closing line: the model when the job succeeded, else its status and error.</summary>
    public static string Outcome(FineTuningJobInfo job) => job.Status == FineTuningJobStatus.Succeeded
        ? $"{job.Id} succeeded: {job.FineTunedModel}"
        : $"{job.Id} {job.Status}{(job.Error is null ? string.Empty : ": " + job.Error)}";

    /// <summary>One status line: status, step, loss and ETA.</summary>
    public static string Line(JobUpdate update)
    {
        var step = update.Step is { } s ? (update.TotalSteps is { } t ? $"step {s}/{t}" : $"step {s}") : "step -";
        var eta = update.EstimatedTimeRemaining is { } e ? "ETA " + e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "ETA -";
        return $"{update.Job.Status.Value,-16} {step,-14} loss {JobCommandSupport.Format(update.TrainLoss),-8} {eta}";
    }

    /// <summary>The line for an outage update: since when, how often, the last failure, when the next poll is.</summary>
    public static string Outage(JobUpdate update)
    {
        var since = update.UnavailableSince?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
        if (update.Kind == JobUpdateKind.ServiceRestored)
        {
            return $"service available again (unavailable since {since}, {update.FailedPolls} failed polls)";
        }

        var failure = update.Failure is { } f ? (f.StatusCode == 0 ? "no response" : "HTTP " + f.StatusCode.ToString(CultureInfo.InvariantCulture)) : "no answer";
        var next = update.NextPollIn is { } n ? n.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "-";
        return $"service unavailable since {since} ({failure}, {update.FailedPolls} failed polls), retrying in {next}";
    }

    /// <summary>How the bar ends: full and green for a success, stopped where it was and red for a cancelled or failed job.</summary>
    /// <param name="job">The job's last state.</param>
    /// <param name="step">The last step seen.</param>
    /// <param name="total">The total steps, when known.</param>
    /// <returns>The bar's final value and its description (markup).</returns>
    public static (double Value, string Description) Final(FineTuningJobInfo job, double step, double total)
    {
        if (job.Status == FineTuningJobStatus.Succeeded)
        {
            return (total, "[green]" + Markup.Escape($"succeeded {job.FineTunedModel}") + "[/]");
        }

        var where = total > 1 ? string.Create(CultureInfo.InvariantCulture, $" at step {step:0}/{total:0}") : string.Empty;
        return (step, "[red]" + Markup.Escape($"{job.Status.Value.ToUpperInvariant()}{where}{(job.Error is null ? string.Empty : ": " + job.Error)}") + "[/]");
    }

    private static async Task<FineTuningJobInfo> AsLinesAsync(TextWriter output, FineTuningJobMonitor monitor, string jobId, Action<JobUpdate>? observe, CancellationToken ct)
    {
        FineTuningJobInfo? last = null;
        await foreach (var update in monitor.WatchAsync(jobId, ct).ConfigureAwait(false))
        {
            last = update.Job;
            observe?.Invoke(update);
            var line = update.Kind switch
            {
                JobUpdateKind.StatusChanged => Line(update),
                JobUpdateKind.Event when update.Metrics is null => "  " + update.Event!.Message,
                JobUpdateKind.Event => Line(update),
                JobUpdateKind.Checkpoint => $"  checkpoint at step {update.Checkpoint!.StepNumber}: {update.Checkpoint.FineTunedModelCheckpoint}",
                JobUpdateKind.ServiceUnavailable or JobUpdateKind.ServiceRestored => "  " + Outage(update),
                _ => null,
            };
            if (line is not null)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        return last ?? throw new FineTuningApiException($"no update received for job {jobId}.");
    }

    private static async Task<FineTuningJobInfo> WithBarAsync(IAnsiConsole console, FineTuningJobMonitor monitor, string jobId, Action<JobUpdate>? observe, CancellationToken ct)
    {
        FineTuningJobInfo? last = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(jobId), maxValue: 1);
                await foreach (var update in monitor.WatchAsync(jobId, ct).ConfigureAwait(false))
                {
                    last = update.Job;
                    observe?.Invoke(update);
                    if (update.TotalSteps is { } total && total > 0)
                    {
                        task.MaxValue = total;
                    }

                    if (update.Step is { } step)
                    {
                        task.Value = Math.Min(step, task.MaxValue);
                    }

                    task.Description = Markup.Escape(update.Kind is JobUpdateKind.ServiceUnavailable ? Outage(update) : Line(update));
                }

                if (last is not null)
                {
                    var (value, description) = Final(last, task.Value, task.MaxValue);
                    if (last.Status != FineTuningJobStatus.Succeeded)
                    {
                        // Spectre draws a task whose value reaches its maximum as finished: keep the maximum above a stopped job's step.
                        task.MaxValue = Math.Max(task.MaxValue, value + 1);
                    }

                    task.Value = value;
                    task.Description = description;
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        return last ?? throw new FineTuningApiException($"no update received for job {jobId}.");
    }
}
