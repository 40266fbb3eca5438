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
        var command = new Command("export", "Export every job (config, events, checkpoints, metrics) and its files to a folder; re-run to resume. Progress is printed as it goes (on standard error with --json).");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The destination folder." }.FolderPath();
        var json = Json();
        command.OnInterrupt("Files already downloaded are kept (each is written whole or not at all); run the same command again to resume.");
        command.Add(folder);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var exporter = services.GetRequiredService<FineTuningExporter>();
            var asJson = parse.GetValue(json);
            var progress = new LiveLines(asJson ? parse.InvocationConfiguration.Error : output);
            var destination = parse.GetValue(folder)!.FullName;
            var summary = await exporter.ExportAsync(destination, progress: progress, cancellationToken: ct).ConfigureAwait(false);
            if (asJson)
            {
                await CliJson.WriteAsync(output, new ExportJson(destination, summary.Jobs, summary.FilesDownloaded, summary.FilesSkipped, summary.BytesDownloaded, summary.Problems), CliJsonContext.Default.ExportJson).ConfigureAwait(false);
                return summary.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
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

    /// <summary>Prints each progress line as it is reported (the exporter reports from its own tasks).</summary>
    private sealed class LiveLines(TextWriter writer) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                writer.WriteLine(value);
                writer.Flush();
            }
        }
    }
}
