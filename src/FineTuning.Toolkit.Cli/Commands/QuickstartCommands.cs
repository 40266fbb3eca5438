using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The quickstart commands of <c>ftk</c>.</summary>
internal static class QuickstartCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [];
}
