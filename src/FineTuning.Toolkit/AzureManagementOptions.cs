namespace FineTuning.Toolkit;

/// <summary>
/// The Azure Resource Manager (control-plane) settings used to deploy fine-tuned models
/// (<c>FineTuning:Azure</c>). Deployments are ARM resources of the Azure OpenAI / Foundry account, so they need the
/// account's subscription, resource group and name, and an ARM credential; an API key cannot manage them.
/// </summary>
public sealed class AzureManagementOptions
{
    /// <summary>The public Azure Resource Manager endpoint.</summary>
    public static readonly Uri DefaultManagementEndpoint = new("https://management.azure.com/");

    /// <summary>The ARM api-version of the deployments operations used by default.</summary>
    public const string DefaultApiVersion = "2025-06-01";

    /// <summary>Gets or sets the subscription id of the account; defaults to <c>AZURE_SUBSCRIPTION_ID</c>.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>Gets or sets the resource group of the account; defaults to <c>AZURE_RESOURCE_GROUP</c>.</summary>
    public string? ResourceGroup { get; set; }

    /// <summary>Gets or sets the name of the Azure OpenAI / Foundry (Cognitive Services) account; defaults to <c>AZURE_OPENAI_ACCOUNT</c>.</summary>
    public string? AccountName { get; set; }

    /// <summary>Gets or sets the ARM endpoint; defaults to <c>AZURE_MANAGEMENT_ENDPOINT</c>, then <see cref="DefaultManagementEndpoint"/>.</summary>
    public Uri? ManagementEndpoint { get; set; }

    /// <summary>Gets or sets the ARM api-version of the deployments operations.</summary>
    /// <value>The default value is <see cref="DefaultApiVersion"/>.</value>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>
    /// Gets or sets a static ARM bearer token (a secret, never logged); defaults to <c>AZURE_MANAGEMENT_TOKEN</c>. When
    /// absent, the toolkit's <see cref="FineTuningToolkitOptions.Credential"/> (or <c>DefaultAzureCredential</c> with
    /// <see cref="FineTuningToolkitOptions.UseDefaultAzureCredential"/>) gets a token for <c>https://management.azure.com/.default</c>.
    /// </summary>
    public string? ManagementToken { get; set; }

    /// <summary>Gets or sets how often a deployment is polled while it provisions.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest wait for a deployment to become ready.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Describes the settings without the token.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"SubscriptionId={SubscriptionId ?? "(none)"}, ResourceGroup={ResourceGroup ?? "(none)"}, AccountName={AccountName ?? "(none)"}, "
        + $"ManagementEndpoint={ManagementEndpoint?.GetLeftPart(UriPartial.Path) ?? "(default)"}, ApiVersion={ApiVersion}, ManagementToken={(string.IsNullOrEmpty(ManagementToken) ? "(none)" : "***")}";
}
