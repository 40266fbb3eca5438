using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Evaluation;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The evaluation commands of <c>ftk</c>: <c>eval</c>, <c>compare</c> and <c>probe</c>.</summary>
internal static class EvaluationCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() => [EvalCommand.Create(), CompareCommand.Create()];
}
