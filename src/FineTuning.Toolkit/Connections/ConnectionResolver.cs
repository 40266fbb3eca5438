using System.Globalization;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// The one place that turns <see cref="FineTuningToolkitOptions"/> and the environment into a connection: which provider,
/// which base URL, which authentication. The library's DI registration, every CLI command and the quickstart go through
/// it, so they always agree. Every error names the setting or environment variable that is wrong.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The OpenAI endpoint used when none is configured.</summary>
    public static readonly Uri DefaultOpenAIEndpoint = new("https://api.openai.com/v1/");

    /// <summary>The Together AI endpoint used when none is configured (the server URL of Together's OpenAPI, docs.together.ai/reference).</summary>
    public static readonly Uri DefaultTogetherEndpoint = new("https://api.together.ai/v1/");

    /// <summary>The Entra ID scope of Azure OpenAI resource endpoints.</summary>
    public const string CognitiveServicesScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The Entra ID scope of Microsoft Foundry project endpoints.</summary>
    public const string FoundryProjectScope = "https://ai.azure.com/.default";

    /// <summary>
    /// Fills what the options leave open from the environment (the one rule for choosing a provider, then endpoint, key,
    /// organization and project). Bad values are recorded in <see cref="FineTuningToolkitOptions.EnvironmentErrors"/>.
    /// </summary>
    /// <param name="options">The options to complete.</param>
    /// <param name="read">Reads an environment variable.</param>
    public static void ApplyEnvironment(FineTuningToolkitOptions options, Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        string? Env(string name) => read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        if (options.Provider is null)
        {
            if (Env("FTK_PROVIDER") is { } named)
            {
                if (TryParseProvider(named, out var parsed))
                {
                    options.Provider = parsed;
                }
                else
                {
                    options.EnvironmentErrors.Add($"FTK_PROVIDER is '{named}': use {ProviderNames}.");
                }
            }

            options.Provider ??= Env("OPENAI_API_KEY") is not null ? FineTuningProvider.OpenAI
                : Env("AZURE_OPENAI_ENDPOINT") is not null || Env("AZURE_OPENAI_API_KEY") is not null ? FineTuningProvider.Azure
                : Env("TOGETHER_API_KEY") is not null ? FineTuningProvider.Together
                : FineTuningProvider.OpenAI;
        }

        var (keyVariable, endpointVariable) = Variables(options.Provider.Value);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = Env(keyVariable);
        }

        if (options.Endpoint is null && Env(endpointVariable) is { } endpointText)
        {
            if (TryParseHttpUrl(endpointText, out var endpoint))
            {
                options.Endpoint = endpoint;
            }
            else
            {
                options.EnvironmentErrors.Add($"{endpointVariable} is '{Shorten(endpointText)}', which is not an absolute http(s) URL.");
            }
        }

        if (options.Provider == FineTuningProvider.Compatible && options.Compatible is { } compatible)
        {
            compatible.Preset ??= Env("FTK_COMPATIBLE_PRESET");
        }

        if (options.Provider == FineTuningProvider.OpenAI)
        {
            options.Organization ??= Env("OPENAI_ORG_ID");
            options.Project ??= Env("OPENAI_PROJECT_ID");
        }

        if (options.Provider == FineTuningProvider.Azure && !options.UseDefaultAzureCredential
            && string.Equals(Env("FTK_AZURE_AUTH"), "entra", StringComparison.OrdinalIgnoreCase))
        {
            options.UseDefaultAzureCredential = true;
        }

        if (options.BudgetCapUsd is null && Env("FTK_BUDGET_CAP_USD") is { } capText)
        {
            if (decimal.TryParse(capText, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var cap) && cap > 0)
            {
                options.BudgetCapUsd = cap;
            }
            else
            {
                options.EnvironmentErrors.Add($"FTK_BUDGET_CAP_USD is '{Shorten(capText)}': use a positive amount of USD such as 25 or 2.50.");
            }
        }

        if (Env("FTK_POLL_INTERVAL") is { } pollText)
        {
            // A cap on every polling interval, for scripts and CI that watch jobs on the emulator (its jobs finish in seconds).
            if (double.TryParse(pollText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is > 0 and <= 3600)
            {
                var cap = TimeSpan.FromSeconds(seconds);
                var polling = options.Polling;
                polling.QueuedInterval = Min(polling.QueuedInterval, cap);
                polling.RunningInterval = Min(polling.RunningInterval, cap);
                polling.MaxInterval = Min(polling.MaxInterval, cap);
                polling.OutageInterval = Min(polling.OutageInterval, cap);
            }
            else
            {
                options.EnvironmentErrors.Add($"FTK_POLL_INTERVAL is '{Shorten(pollText)}': use a number of seconds such as 0.5 or 10 (at most 3600).");
            }

            static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
        }

        if (options.Azure is { } arm)
        {
            arm.SubscriptionId ??= Env("AZURE_SUBSCRIPTION_ID");
            arm.ResourceGroup ??= Env("AZURE_RESOURCE_GROUP");
            arm.AccountName ??= Env("AZURE_OPENAI_ACCOUNT");
            arm.ManagementToken ??= Env("AZURE_MANAGEMENT_TOKEN");
            if (arm.ManagementEndpoint is null && Env("AZURE_MANAGEMENT_ENDPOINT") is { } managementText)
            {
                if (TryParseHttpUrl(managementText, out var management))
                {
                    arm.ManagementEndpoint = management;
                }
                else
                {
                    options.EnvironmentErrors.Add($"AZURE_MANAGEMENT_ENDPOINT is '{Shorten(managementText)}', which is not an absolute http(s) URL.");
                }
            }
        }
    }

    /// <summary>The environment variables that hold the key and the endpoint of <paramref name="provider"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The names of the key and endpoint variables.</returns>
    public static (string Key, string Endpoint) Variables(FineTuningProvider provider) => provider switch
    {
        FineTuningProvider.Azure => ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"),
        FineTuningProvider.Compatible => ("FTK_COMPATIBLE_API_KEY", "FTK_COMPATIBLE_BASE_URL"),
        FineTuningProvider.Together => ("TOGETHER_API_KEY", "TOGETHER_BASE_URL"),
        _ => ("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    };

    /// <summary>The provider names accepted by <see cref="TryParseProvider"/>, for messages.</summary>
    public const string ProviderNames = "openai, azure, together or compatible";

    /// <summary>Parses a provider name (openai, azure, together, compatible; case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="provider">The provider.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseProvider(string? text, out FineTuningProvider provider)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "openai":
                provider = FineTuningProvider.OpenAI;
                return true;
            case "azure":
            case "azure-openai":
            case "foundry":
                provider = FineTuningProvider.Azure;
                return true;
            case "compatible":
            case "openai-compatible":
                provider = FineTuningProvider.Compatible;
                return true;
            case "together":
            case "together-ai":
            case "togetherai":
                provider = FineTuningProvider.Together;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>Checks the options and works out the connection; the errors name the setting to fix.</summary>
    /// <param name="options">The options, after <see cref="ApplyEnvironment"/>.</param>
    /// <param name="errors">The problems found, if any.</param>
    /// <returns>The settings, or <see langword="null"/> when <paramref name="errors"/> is not empty.</returns>
    public static ConnectionSettings? Resolve(FineTuningToolkitOptions options, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.EnvironmentErrors);
        var provider = options.Provider ?? FineTuningProvider.OpenAI;
        if (!Enum.IsDefined(provider))
        {
            problems.Add("FineTuning:Provider must be 'OpenAI', 'Azure', 'Together' or 'Compatible'.");
            errors = problems;
            return null;
        }

        var (keyVariable, endpointVariable) = Variables(provider);
        var endpointSetting = $"FineTuning:Endpoint (or {endpointVariable})";
        var keySetting = $"FineTuning:ApiKey (or {keyVariable})";

        var kind = provider switch
        {
            FineTuningProvider.Azure => EndpointKind.AzureResource,
            FineTuningProvider.Compatible => EndpointKind.Compatible,
            FineTuningProvider.Together => EndpointKind.Together,
            _ => EndpointKind.OpenAI,
        };
        var capabilities = ProviderCapabilities.OpenAI;
        var endpointOption = options.Endpoint;
        var keyOption = options.ApiKey;
        if (provider == FineTuningProvider.Compatible)
        {
            endpointOption ??= options.Compatible?.BaseUrl;
            if (string.IsNullOrWhiteSpace(keyOption))
            {
                keyOption = options.Compatible?.ApiKey;
            }

            capabilities = ProviderCapabilities.FromCompatible(options.Compatible ?? new CompatibleProviderOptions(), out var profileProblems);
            problems.AddRange(profileProblems);
        }
        else
        {
            capabilities = ProviderCapabilities.For(provider);
        }

        Uri? baseAddress = null;
        if (endpointOption is null)
        {
            if (provider == FineTuningProvider.OpenAI)
            {
                baseAddress = DefaultOpenAIEndpoint;
            }
            else if (provider == FineTuningProvider.Together)
            {
                baseAddress = DefaultTogetherEndpoint;
                kind = EndpointKind.Together;
            }
            else if (!options.HasCustomClient)
            {
                problems.Add(provider == FineTuningProvider.Azure
                    ? $"{endpointSetting} is required for Azure: https://{{resource}}.openai.azure.com or a Foundry project endpoint https://{{name}}.services.ai.azure.com/api/projects/{{project}}."
                    : $"{endpointSetting} is required for an OpenAI-compatible service: its base URL, e.g. https://example.com/v1/ (or FineTuning:Compatible:BaseUrl).");
            }
        }
        else if (!endpointOption.IsAbsoluteUri || (endpointOption.Scheme != Uri.UriSchemeHttps && endpointOption.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{endpointSetting} must be an absolute http(s) URL.");
        }
        else if (DeploymentUrlAdvice(endpointOption) is { } advice)
        {
            problems.Add($"{endpointSetting} is a request URL ({Shorten(endpointOption.GetLeftPart(UriPartial.Path))}), not an endpoint: use {advice} instead; the toolkit adds the /openai/v1/ routes itself.");
        }
        else
        {
            (baseAddress, kind) = Normalize(provider, endpointOption);
        }

        var apiKey = string.IsNullOrWhiteSpace(keyOption) ? null : keyOption.Trim();
        if (apiKey is not null && apiKey.Any(char.IsControl))
        {
            problems.Add($"{keySetting} contains a control character (a line break or similar); it would corrupt the HTTP headers. Copy the key again.");
            apiKey = null;
        }

        var auth = AuthKind.None;
        string? scope = null;
        if (options.HasCustomClient)
        {
            auth = AuthKind.Custom;
        }
        else if (provider == FineTuningProvider.Azure && (options.Credential is not null || (apiKey is null && options.UseDefaultAzureCredential)))
        {
            auth = AuthKind.TokenCredential;
            scope = kind == EndpointKind.AzureProject ? FoundryProjectScope : CognitiveServicesScope;
        }
        else if (apiKey is not null)
        {
            auth = provider == FineTuningProvider.Azure ? AuthKind.AzureApiKey : AuthKind.BearerKey;
        }
        else if (!problems.Any(p => p.StartsWith(keySetting, StringComparison.Ordinal)))
        {
            problems.Add(provider == FineTuningProvider.Azure
                ? $"{keySetting} is missing; or use Microsoft Entra ID: set FineTuning:UseDefaultAzureCredential (or FTK_AZURE_AUTH=entra), or give a Credential."
                : $"{keySetting} is missing.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("FineTuning:RequestTimeout must be positive.");
        }

        errors = problems;
        if (problems.Count > 0)
        {
            return null;
        }

        return new ConnectionSettings(provider, kind, baseAddress, auth, apiKey, options.Credential, scope, options.Organization, options.Project, options.RequestTimeout)
        {
            Capabilities = capabilities,
        };
    }

    /// <summary>Parses an absolute http(s) URL.</summary>
    /// <param name="text">The text.</param>
    /// <param name="uri">The URL.</param>
    /// <returns><see langword="true"/> when the text is one.</returns>
    public static bool TryParseHttpUrl(string? text, out Uri uri)
    {
        if (Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>The base address (ending in <c>/</c>) and its kind for a configured endpoint.</summary>
    private static (Uri BaseAddress, EndpointKind Kind) Normalize(FineTuningProvider provider, Uri endpoint)
    {
        var root = endpoint.GetLeftPart(UriPartial.Authority);
        var path = endpoint.AbsolutePath.TrimEnd('/');
        if (provider != FineTuningProvider.Azure)
        {
            return (new Uri(root + path + "/"), provider switch
            {
                FineTuningProvider.Compatible => EndpointKind.Compatible,
                FineTuningProvider.Together => EndpointKind.Together,
                _ => EndpointKind.OpenAI,
            });
        }

        var projectAt = path.IndexOf("/api/projects/", StringComparison.OrdinalIgnoreCase);
        if (projectAt >= 0)
        {
            var rest = path[(projectAt + "/api/projects/".Length)..];
            var project = rest.Split('/')[0];
            return (new Uri($"{root}{path[..projectAt]}/api/projects/{project}/openai/v1/"), EndpointKind.AzureProject);
        }

        var openAiAt = path.IndexOf("/openai", StringComparison.OrdinalIgnoreCase);
        var prefix = openAiAt >= 0 ? path[..openAiAt] : path;
        return (new Uri($"{root}{prefix}/openai/v1/"), EndpointKind.AzureResource);
    }

    /// <summary>When <paramref name="endpoint"/> is a pasted request URL (a deployment route, an operation, an api-version query), the endpoint to use instead.</summary>
    private static string? DeploymentUrlAdvice(Uri endpoint)
    {
        var path = endpoint.AbsolutePath;
        var root = endpoint.GetLeftPart(UriPartial.Authority);
        var deployments = path.IndexOf("/openai/deployments/", StringComparison.OrdinalIgnoreCase);
        if (deployments >= 0)
        {
            return root + path[..deployments].TrimEnd('/') + "/";
        }

        foreach (var operation in (string[])["/chat/completions", "/completions", "/embeddings", "/fine_tuning/", "/files", "/responses", "/batches"])
        {
            var at = path.IndexOf(operation, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return root + path[..at].TrimEnd('/') + "/";
            }
        }

        if (endpoint.Query.Contains("api-version", StringComparison.OrdinalIgnoreCase))
        {
            return endpoint.GetLeftPart(UriPartial.Path);
        }

        return null;
    }

    private static string Shorten(string text) =>
        text.Length <= 120 ? text : text[..117].ToString(CultureInfo.InvariantCulture) + "...";
}
