using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Deployments;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Deploy;

/// <summary><c>ftk deploy MODEL --name NAME</c>: deploy a fine-tuned model on Azure (ARM), optionally wait until it answers.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var command = new Command("deploy", "Deploy a fine-tuned model on Azure OpenAI / Microsoft Foundry (ARM: AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, AZURE_OPENAI_ACCOUNT; Entra ID or AZURE_MANAGEMENT_TOKEN).");
        var model = new Argument<string>("MODEL") { Description = "The fine-tuned model id (the job's fine_tuned_model) or a checkpoint's model id." };
        var name = new Option<string>("--name") { Description = "The deployment name: chat calls pass it as the model.", Required = true };
        var sku = new Option<string>("--sku") { Description = "standard, globalstandard or developer (developer: no hosting fee, deleted after 24 h).", DefaultValueFactory = _ => "globalstandard" };
        var capacity = new Option<int>("--capacity") { Description = "Capacity in units of 1,000 tokens per minute.", DefaultValueFactory = _ => 1 };
        var format = new Option<string?>("--format") { Description = "The ARM model format (default: OpenAI for OpenAI models; the publisher for open-weight ones: Microsoft for gpt-oss, Mistral AI, Meta, Alibaba)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the deployment is provisioned and answers a one-token chat call." };
        var json = Json();
        foreach (var option in new Option[] { name, sku, capacity, format, wait, json })
        {
            command.Add(option);
        }

        command.Add(model);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => DeploySupport.RunAsync(parse, connection, async (deployments, output) =>
        {
            var skuText = parse.GetValue(sku);
            if (!ArmDeploymentClient.TryParseSku(skuText, out var parsedSku))
            {
                throw new CliUsageException($"--sku '{skuText}' must be standard, globalstandard or developer.");
            }

            var request = new ModelDeploymentRequest
            {
                Name = parse.GetValue(name)!,
                Model = parse.GetValue(model)!,
                Sku = parsedSku,
                Capacity = parse.GetValue(capacity),
                ModelFormat = parse.GetValue(format),
            };
            if (request.Validate() is { Count: > 0 } errors)
            {
                throw new CliUsageException(string.Join(" ", errors));
            }

            var deployment = await deployments.CreateOrUpdateAsync(request, ct).ConfigureAwait(false);
            if (parse.GetValue(wait))
            {
                if (!parse.GetValue(json))
                {
                    await output.WriteLineAsync($"Deployment {deployment.Name} is {deployment.ProvisioningState}; waiting until it answers...").ConfigureAwait(false);
                }

                var ready = await deployments.WaitUntilReadyAsync(deployment.Name, timeout: null, ct).ConfigureAwait(false);
                deployment = ready with { Warnings = deployment.Warnings };
            }

            if (parse.GetValue(json))
            {
                await DeploySupport.WriteJsonAsync(output, [deployment], array: false).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(DeploySupport.Describe(deployment)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
