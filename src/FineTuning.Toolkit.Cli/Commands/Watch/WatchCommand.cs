using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Watch;

/// <summary><c>ftk watch ID</c>: follow a job to the end with a progress bar (step, loss, ETA).</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var command = new Command("watch", "Follow a job until it finishes: status, step, loss and ETA (a cancelled or failed job is shown as such).");
        var id = new Argument<string>("ID") { Description = "The job id." }.NotBlank();
        var json = Json();
        command.OnInterrupt(parse => $"Stopped watching; the job keeps running on the service. Follow it again with: ftk watch {parse.GetValue(id)}");
        command.Add(id);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var final = await JobProgress.FollowAsync(parse, services, parse.GetValue(id)!, parse.GetValue(json), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, JobJsonSummary.From(final), CliJsonContext.Default.JobJsonSummary).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(JobProgress.Outcome(final)).ConfigureAwait(false);
            }

            return final.Status == FineTuningJobStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
