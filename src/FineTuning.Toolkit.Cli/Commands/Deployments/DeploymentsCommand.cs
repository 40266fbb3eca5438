using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Deployments;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Deployments;

/// <summary><c>ftk deployments list|delete</c>: the Azure account's deployments.</summary>
internal static class DeploymentsCommand
{
    public static Command Create()
    {
        var command = new Command("deployments", "List or delete the Azure account's model deployments (ARM).");
        command.Add(List());
        command.Add(Delete());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the deployments of the account.");
        var json = Json();
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => DeploySupport.RunAsync(parse, connection, async (deployments, output) =>
        {
            var all = new List<ModelDeployment>();
            await foreach (var deployment in deployments.ListAsync(ct).ConfigureAwait(false))
            {
                all.Add(deployment);
            }

            if (parse.GetValue(json))
            {
                await DeploySupport.WriteJsonAsync(output, all, array: true).ConfigureAwait(false);
            }
            else if (all.Count == 0)
            {
                await output.WriteLineAsync("No deployments.").ConfigureAwait(false);
            }
            else
            {
                foreach (var deployment in all)
                {
                    await output.WriteLineAsync(DeploySupport.Describe(deployment)).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Delete()
    {
        var command = new Command("delete", "Delete a deployment (the fine-tuned model stays and can be deployed again).");
        var name = new Argument<string>("NAME") { Description = "The deployment name." };
        var json = Json();
        command.Add(name);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => DeploySupport.RunAsync(parse, connection, async (deployments, output) =>
        {
            var deploymentName = parse.GetValue(name)!;
            var deleted = await deployments.DeleteAsync(deploymentName, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync($"{{\"name\":{System.Text.Json.JsonSerializer.Serialize(deploymentName, CliJsonContext.Default.String)},\"deleted\":{(deleted ? "true" : "false")}}}").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(deleted ? $"Deleted deployment {deploymentName}." : $"There is no deployment named {deploymentName}.").ConfigureAwait(false);
            }

            return deleted ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
