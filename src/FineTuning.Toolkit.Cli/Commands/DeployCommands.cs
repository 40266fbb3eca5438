using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Deploy;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>The Azure deployment commands of <c>ftk</c>: deploy, deployments.</summary>
internal static class DeployCommands
{
    /// <summary>Creates the commands of this area.</summary>
    public static IEnumerable<Command> Create() =>
    [
        DeployCommand.Create(),
        DeploymentsCommand.Create(),
    ];
}
