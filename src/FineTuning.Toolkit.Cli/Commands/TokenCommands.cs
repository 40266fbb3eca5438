using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The token commands of <c>ftk</c>.</summary>
internal static class TokenCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [Models.ModelsCommand.Create()];
}
