using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The evaluation commands of <c>ftk</c>.</summary>
internal static class EvaluationCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [];
}
