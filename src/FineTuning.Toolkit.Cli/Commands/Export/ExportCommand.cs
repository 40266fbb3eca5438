using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Export;

/// <summary><c>ftk export DIR</c>: write every job and its files to a folder (resumable, verified).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export every job (config, events, checkpoints, metrics) and its files to a folder; re-run to resume.");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The destination folder." }.FolderPath();
        command.OnInterrupt("Files already downloaded are kept (each is written whole or not at all); run the same command again to resume.");
        command.Add(folder);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var exporter = services.GetRequiredService<FineTuningExporter>();
            var lines = new List<string>();
            var summary = await exporter.ExportAsync(parse.GetValue(folder)!.FullName, progress: new SyncLines(lines), cancellationToken: ct).ConfigureAwait(false);
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            foreach (var problem in summary.Problems)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("warning: " + problem).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Exported {summary.Jobs} jobs: {summary.FilesDownloaded} files downloaded ({summary.BytesDownloaded} bytes), {summary.FilesSkipped} already complete.").ConfigureAwait(false);
            return summary.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private sealed class SyncLines(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
