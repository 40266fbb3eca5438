namespace FineTuning.Toolkit.Deployments;

/// <summary>A deployment of a model on an Azure OpenAI / Foundry account, as Azure Resource Manager reports it.</summary>
public sealed record ModelDeployment
{
    /// <summary>Gets the deployment name (the <c>model</c> of chat calls).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the deployed model id.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the model format (<c>OpenAI</c>, …).</summary>
    public string? ModelFormat { get; init; }

    /// <summary>Gets the model version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Gets the ARM sku name (<c>Standard</c>, <c>GlobalStandard</c>, <c>DeveloperTier</c>).</summary>
    public string? Sku { get; init; }

    /// <summary>Gets the capacity.</summary>
    public int? Capacity { get; init; }

    /// <summary>Gets the ARM provisioning state (<c>Creating</c>, <c>Succeeded</c>, <c>Failed</c>, …).</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>Gets a value indicating whether the deployment answered a chat call (set by <see cref="IModelDeploymentClient.WaitUntilReadyAsync"/>).</summary>
    public bool Ready { get; init; }

    /// <summary>Gets the ARM resource id.</summary>
    public string? ResourceId { get; init; }

    /// <summary>Gets what the caller should know: the Developer tier's 24-hour life, hosting fees, idle deletion.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
