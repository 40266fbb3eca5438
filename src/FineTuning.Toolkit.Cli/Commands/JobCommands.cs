using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Jobs;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The job commands of <c>ftk</c>: upload, train, jobs, watch, export.</summary>
internal static class JobCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() =>
    [
        UploadCommand.Create(),
        TrainCommand.Create(),
        JobsCommand.Create(),
        WatchCommand.Create(),
        ExportCommand.Create(),
    ];
}
