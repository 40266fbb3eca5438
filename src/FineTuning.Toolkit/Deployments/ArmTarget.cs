using System.ClientModel;
using System.ClientModel.Primitives;
using FineTuning.Toolkit.Connections;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Deployments;

/// <summary>
/// The resolved ARM connection for deployments: the account's base address under the management endpoint, the
/// api-version, and an <see cref="ApiConnection"/> whose pipeline carries the ARM bearer token (static, or from the
/// <see cref="Azure.Core.TokenCredential"/> for <see cref="ManagementScope"/>) and the toolkit's <see cref="ToolkitRetryPolicy"/>.
/// </summary>
internal sealed class ArmTarget
{
    /// <summary>The Entra ID scope of Azure Resource Manager.</summary>
    public const string ManagementScope = "https://management.azure.com/.default";

    private ArmTarget(ApiConnection api, string apiVersion, AzureManagementOptions settings)
    {
        Api = api;
        ApiVersion = apiVersion;
        Settings = settings;
    }

    /// <summary>Gets the sender of the ARM calls (base address: the account's resource URL, ending in <c>/</c>).</summary>
    public ApiConnection Api { get; }

    /// <summary>Gets the ARM api-version.</summary>
    public string ApiVersion { get; }

    /// <summary>Gets the ARM settings.</summary>
    public AzureManagementOptions Settings { get; }

    /// <summary>Builds the ARM connection; the errors name the settings to fix.</summary>
    /// <param name="options">The toolkit options (after the environment was applied).</param>
    /// <param name="time">The time provider.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="errors">The problems found.</param>
    /// <returns>The target, or <see langword="null"/> when <paramref name="errors"/> is not empty.</returns>
    public static ArmTarget? Create(FineTuningToolkitOptions options, TimeProvider time, ILoggerFactory loggerFactory, out IReadOnlyList<string> errors)
    {
        var arm = options.Azure ?? new AzureManagementOptions();
        var problems = new List<string>();
        foreach (var (value, setting) in new[]
        {
            (arm.SubscriptionId, "FineTuning:Azure:SubscriptionId (or AZURE_SUBSCRIPTION_ID)"),
            (arm.ResourceGroup, "FineTuning:Azure:ResourceGroup (or AZURE_RESOURCE_GROUP)"),
            (arm.AccountName, "FineTuning:Azure:AccountName (or AZURE_OPENAI_ACCOUNT)"),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{setting} is required to manage deployments.");
            }
        }

        var token = string.IsNullOrWhiteSpace(arm.ManagementToken) ? null : arm.ManagementToken.Trim();
        var credential = options.Credential ?? (options.UseDefaultAzureCredential ? new Azure.Identity.DefaultAzureCredential() : null);
        if (token is null && credential is null)
        {
            problems.Add("No Azure Resource Manager credential: deployments are managed through ARM, which an API key cannot call. "
                + "Use Microsoft Entra ID (FineTuning:UseDefaultAzureCredential or FTK_AZURE_AUTH=entra, e.g. after 'az login'; or give FineTuning:Credential), "
                + "or set FineTuning:Azure:ManagementToken (or AZURE_MANAGEMENT_TOKEN, e.g. from 'az account get-access-token').");
        }

        errors = problems;
        if (problems.Count > 0)
        {
            return null;
        }

        var root = (arm.ManagementEndpoint ?? AzureManagementOptions.DefaultManagementEndpoint).AbsoluteUri.TrimEnd('/');
        var baseAddress = new Uri(
            $"{root}/subscriptions/{Uri.EscapeDataString(arm.SubscriptionId!.Trim())}/resourceGroups/{Uri.EscapeDataString(arm.ResourceGroup!.Trim())}"
            + $"/providers/Microsoft.CognitiveServices/accounts/{Uri.EscapeDataString(arm.AccountName!.Trim())}/");
        var logger = loggerFactory.CreateLogger("FineTuning.Toolkit.Deployments");
        var retry = new ToolkitRetryPolicy(options.Retry, time, logger);
        PipelinePolicy auth = token is not null
            ? ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(token))
            : new TokenCredentialPolicy(credential!, ManagementScope, time);
        var redactor = new SecretRedactor(token);
        var pipelineOptions = new ClientPipelineOptions { RetryPolicy = retry, NetworkTimeout = options.RequestTimeout };
        var pipeline = ClientPipeline.Create(pipelineOptions, perCallPolicies: default, perTryPolicies: [auth, new ErrorRedactionPolicy(redactor)], beforeTransportPolicies: default);
        var api = new ApiConnection(pipeline, baseAddress, FineTuningProvider.Azure, time, logger, redactor);
        return new ArmTarget(api, arm.ApiVersion.Trim(), arm);
    }
}
