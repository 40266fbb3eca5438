using System.Text;

namespace FineTuning.Toolkit;

/// <summary>
/// The toolkit's settings, bound from the <c>FineTuning</c> configuration section. The API key is a secret: it never
/// appears in <see cref="ToString"/>, logs, exceptions or traces.
/// </summary>
public sealed class FineTuningToolkitOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FineTuning";

    /// <summary>The OpenAI endpoint used when none is configured.</summary>
    public static readonly Uri DefaultOpenAIEndpoint = new("https://api.openai.com/v1/");

    /// <summary>
    /// Gets or sets the provider. When <see langword="null"/>, one rule chooses it for every entry point (library, CLI,
    /// quickstart): <c>FTK_PROVIDER</c> (openai, azure, together, compatible), else OpenAI when <c>OPENAI_API_KEY</c> is set, else
    /// Azure when <c>AZURE_OPENAI_ENDPOINT</c> or <c>AZURE_OPENAI_API_KEY</c> is set, else Together when <c>TOGETHER_API_KEY</c> is set, else OpenAI.
    /// </summary>
    public FineTuningProvider? Provider { get; set; }

    /// <summary>
    /// Gets or sets the endpoint. OpenAI: defaults to <c>OPENAI_BASE_URL</c>, then <c>https://api.openai.com/v1/</c>.
    /// Azure: a resource endpoint (<c>https://{resource}.openai.azure.com</c>; <c>/openai/v1/</c> is appended) or a
    /// Microsoft Foundry project endpoint (<c>https://{name}.services.ai.azure.com/api/projects/{project}</c>), or
    /// <c>AZURE_OPENAI_ENDPOINT</c>. Compatible: the service's OpenAI-compatible base URL (required).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key; defaults to <c>OPENAI_API_KEY</c> or <c>AZURE_OPENAI_API_KEY</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the OpenAI organization id (sent as <c>OpenAI-Organization</c>).</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the OpenAI project id (sent as <c>OpenAI-Project</c>).</summary>
    public string? Project { get; set; }

    /// <summary>Gets or sets the model used when a request names none.</summary>
    /// <value>The default value is <c>gpt-4.1-mini-2025-04-14</c>.</value>
    public string DefaultModel { get; set; } = "gpt-4.1-mini-2025-04-14";

    /// <summary>
    /// Gets or sets the Azure training tier sent as <c>trainingType</c> when a request sets none (Azure only); when
    /// <see langword="null"/>, the model's default tier in the model catalog is sent.
    /// </summary>
    public AzureTrainingType? AzureTrainingType { get; set; }

    /// <summary>Gets or sets a value indicating whether missing endpoint and key are read from the environment variables.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseEnvironmentVariables { get; set; } = true;

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets the spending cap in USD (also <c>FTK_BUDGET_CAP_USD</c>): a planned job whose highest estimated cost exceeds it is not started, whatever the approval; a run's own cap can only lower it.</summary>
    public decimal? BudgetCapUsd { get; set; }

    /// <summary>Gets the retry policy.</summary>
    public FineTuningRetryOptions Retry { get; set; } = new();

    /// <summary>Gets the polling policy of watched jobs.</summary>
    public JobPollingOptions Polling { get; set; } = new();

    /// <summary>Gets the upload settings.</summary>
    public DatasetUploadOptions Upload { get; set; } = new();

    /// <summary>Gets the Azure Resource Manager settings used to deploy fine-tuned models (<c>FineTuning:Azure</c>).</summary>
    public AzureManagementOptions Azure { get; set; } = new();

    /// <summary>Gets or sets the profile of an OpenAI-compatible service (<see cref="FineTuningProvider.Compatible"/>): base URL, key, preset and capability flags. Section <c>FineTuning:Compatible</c>.</summary>
    public CompatibleProviderOptions Compatible { get; set; } = new();

    /// <summary>
    /// Gets or sets the Microsoft Entra ID credential for Azure (for example a <c>DefaultAzureCredential</c>). When set,
    /// requests carry a bearer token for <c>https://cognitiveservices.azure.com/.default</c> (resource endpoints) or
    /// <c>https://ai.azure.com/.default</c> (Foundry project endpoints) instead of an API key.
    /// </summary>
    public global::Azure.Core.TokenCredential? Credential { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether Azure requests authenticate with <c>DefaultAzureCredential</c> when no API
    /// key and no <see cref="Credential"/> is given (also set by the environment variable <c>FTK_AZURE_AUTH=entra</c>).
    /// </summary>
    public bool UseDefaultAzureCredential { get; set; }

    /// <summary>Gets or sets a value indicating whether a custom OpenAI client supplies authentication (then no API key is needed).</summary>
    internal bool HasCustomClient { get; set; }

    /// <summary>Gets the problems found while reading the environment (reported by the options validation).</summary>
    internal List<string> EnvironmentErrors { get; } = [];

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Provider=").Append(Provider?.ToString() ?? "(auto)")
            .Append(", Endpoint=").Append(Endpoint?.GetLeftPart(UriPartial.Path) ?? "(default)")
            .Append(", ApiKey=").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")
            .Append(", Credential=").Append(Credential is null ? (UseDefaultAzureCredential ? "DefaultAzureCredential" : "(none)") : Credential.GetType().Name)
            .Append(", Organization=").Append(Organization ?? "(none)")
            .Append(", Project=").Append(Project ?? "(none)")
            .Append(", DefaultModel=").Append(DefaultModel)
            .Append(", MaxRetries=").Append(Retry.MaxRetries)
            .Append(", BudgetCapUsd=").Append(BudgetCapUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)");
        return text.ToString();
    }
}
