using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The emulator commands of <c>ftk</c>.</summary>
internal static class EmulatorCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [];
}
