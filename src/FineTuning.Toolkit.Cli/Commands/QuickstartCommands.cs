using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Quickstart;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The quickstart command of <c>ftk</c>: the whole flow on a bundled dataset.</summary>
internal static class QuickstartCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [QuickstartCommand.Create()];
}
