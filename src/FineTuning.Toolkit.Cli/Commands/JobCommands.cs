using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The job commands of <c>ftk</c>.</summary>
internal static class JobCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [];
}
