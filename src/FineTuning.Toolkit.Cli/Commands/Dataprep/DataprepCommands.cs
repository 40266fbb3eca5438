using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands.Dataprep;

/// <summary>The data-preparation commands: convert, split, dedupe, leakage, scan.</summary>
internal static class DataprepCommands
{
    /// <summary>Creates the commands.</summary>
    public static IEnumerable<Command> Create() =>
    [
        ConvertCommand.Create(),
        SplitCommand.Create(),
        DedupeCommand.Create(),
        LeakageCommand.Create(),
        ScanCommand.Create(),
    ];
}
