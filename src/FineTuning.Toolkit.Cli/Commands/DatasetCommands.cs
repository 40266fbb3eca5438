using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The dataset commands of <c>ftk</c>.</summary>
internal static class DatasetCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [.. Dataprep.DataprepCommands.Create()];
}
