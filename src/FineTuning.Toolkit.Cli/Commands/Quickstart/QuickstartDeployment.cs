using System.Globalization;
using FineTuning.Toolkit.Deployments;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>
/// The quickstart's Azure deployment step: on Azure a fine-tuned model answers only through a deployment, so the
/// quickstart deploys it (Developer tier: no hosting fee, deleted by Azure after 24 hours), evaluates the deployment, and
/// then deletes it unless <c>--keep-deployment</c> (on a terminal it asks first).
/// </summary>
internal sealed class QuickstartDeployment(IServiceProvider services, IAnsiConsole console)
{
    private string? _name;

    /// <summary>Gets the deployment's name once created.</summary>
    public string? Name => _name;

    /// <summary>Deploys <paramref name="model"/> and waits until it answers; returns the deployment name to evaluate.</summary>
    public async Task<string> DeployAsync(string model, string jobId, CancellationToken cancellationToken)
    {
        var deployments = services.GetRequiredService<IModelDeploymentClient>();
        var name = "ftk-quickstart-" + new string([.. jobId.Where(char.IsLetterOrDigit).TakeLast(8)]).ToLowerInvariant();
        var created = await deployments.CreateOrUpdateAsync(new ModelDeploymentRequest { Name = name, Model = model, Sku = ModelDeploymentSku.Developer }, cancellationToken).ConfigureAwait(false);
        _name = name;
        foreach (var warning in created.Warnings)
        {
            console.MarkupLine(CultureInfo.InvariantCulture, "      [yellow]warning[/] {0}", Markup.Escape(warning));
        }

        await deployments.WaitUntilReadyAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>
    /// Deletes the deployment unless <paramref name="keep"/>; on an interactive terminal asks first (default: delete).
    /// Returns what happened, for the step line.
    /// </summary>
    public async Task<string> CleanUpAsync(bool keep, CancellationToken cancellationToken)
    {
        if (_name is null)
        {
            return "no deployment was created";
        }

        if (!keep && console.Profile.Capabilities.Interactive)
        {
            // A plain line read, not Spectre's ConfirmationPrompt: its converters are not trim-safe in the Native AOT tool.
            console.Markup($"Delete the deployment '{Markup.Escape(_name)}' now? [[Y/n]] ");
            var answer = await Task.Run(Console.In.ReadLine, cancellationToken).ConfigureAwait(false);
            keep = answer is not null && answer.Trim().StartsWith('n') || answer?.Trim().StartsWith('N') == true;
        }

        if (keep)
        {
            return $"kept deployment '{_name}' (Azure deletes a Developer deployment after 24 hours; delete it earlier with: ftk deployments delete {_name})";
        }

        var deleted = await services.GetRequiredService<IModelDeploymentClient>().DeleteAsync(_name, cancellationToken).ConfigureAwait(false);
        return deleted ? $"deleted deployment '{_name}'" : $"deployment '{_name}' was already gone";
    }
}
