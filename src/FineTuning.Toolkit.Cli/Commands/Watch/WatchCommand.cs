using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Watch;

/// <summary><c>ftk watch ID</c>: follow a job to the end with a progress bar (step, loss, ETA).</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var command = new Command("watch", "Follow a job until it finishes: status, step, loss and ETA.");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        command.OnInterrupt(parse => $"Stopped watching; the job keeps running on the service. Follow it again with: ftk watch {parse.GetValue(id)}");
        command.Add(id);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var monitor = services.GetRequiredService<FineTuningJobMonitor>();
            var console = CliConsole.For(parse);
            var final = console.Profile.Capabilities.Interactive
                ? await WatchWithBarAsync(console, monitor, parse.GetValue(id)!, ct).ConfigureAwait(false)
                : await WatchAsLinesAsync(output, monitor, parse.GetValue(id)!, ct).ConfigureAwait(false);
            await output.WriteLineAsync(final.Status == FineTuningJobStatus.Succeeded
                ? $"{final.Id} succeeded: {final.FineTunedModel}"
                : $"{final.Id} {final.Status}{(final.Error is null ? string.Empty : ": " + final.Error)}").ConfigureAwait(false);
            return final.Status == FineTuningJobStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    internal static string Line(JobUpdate update)
    {
        var step = update.Step is { } s ? (update.TotalSteps is { } t ? $"step {s}/{t}" : $"step {s}") : "step -";
        var eta = update.EstimatedTimeRemaining is { } e ? "ETA " + e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "ETA -";
        return $"{update.Job.Status.Value,-16} {step,-14} loss {Format(update.TrainLoss),-8} {eta}";
    }

    /// <summary>The line for an outage update: since when, how often, the last failure, when the next poll is.</summary>
    internal static string Outage(JobUpdate update)
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

    private static async Task<FineTuningJobInfo> WatchAsLinesAsync(TextWriter output, FineTuningJobMonitor monitor, string jobId, CancellationToken ct)
    {
        FineTuningJobInfo? last = null;
        await foreach (var update in monitor.WatchAsync(jobId, ct).ConfigureAwait(false))
        {
            last = update.Job;
            switch (update.Kind)
            {
                case JobUpdateKind.StatusChanged:
                    await output.WriteLineAsync(Line(update)).ConfigureAwait(false);
                    break;
                case JobUpdateKind.Event when update.Metrics is null:
                    await output.WriteLineAsync("  " + update.Event!.Message).ConfigureAwait(false);
                    break;
                case JobUpdateKind.Event:
                    await output.WriteLineAsync(Line(update)).ConfigureAwait(false);
                    break;
                case JobUpdateKind.Checkpoint:
                    await output.WriteLineAsync($"  checkpoint at step {update.Checkpoint!.StepNumber}: {update.Checkpoint.FineTunedModelCheckpoint}").ConfigureAwait(false);
                    break;
                case JobUpdateKind.ServiceUnavailable:
                case JobUpdateKind.ServiceRestored:
                    await output.WriteLineAsync("  " + Outage(update)).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }

        return last!;
    }

    private static async Task<FineTuningJobInfo> WatchWithBarAsync(IAnsiConsole console, FineTuningJobMonitor monitor, string jobId, CancellationToken ct)
    {
        FineTuningJobInfo? last = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(jobId, maxValue: 1);
                await foreach (var update in monitor.WatchAsync(jobId, ct).ConfigureAwait(false))
                {
                    last = update.Job;
                    if (update.TotalSteps is { } total && total > 0)
                    {
                        task.MaxValue = total;
                        task.Value = update.Step ?? 0;
                    }

                    task.Description = Markup.Escape(update.Kind is JobUpdateKind.ServiceUnavailable ? Outage(update) : Line(update));
                    if (update.Kind == JobUpdateKind.Completed)
                    {
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                }
            }).ConfigureAwait(false);
        return last!;
    }
}
