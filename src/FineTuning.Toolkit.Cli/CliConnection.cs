using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Cli;

/// <summary>
/// The connection of every <c>ftk</c> command that calls the service, from the environment:
/// <c>OPENAI_API_KEY</c> (+ optional <c>OPENAI_BASE_URL</c>), or <c>AZURE_OPENAI_ENDPOINT</c> + <c>AZURE_OPENAI_API_KEY</c>.
/// <c>FTK_PROVIDER</c> (openai|azure) or a command's <c>--provider</c> picks one when both are set; <c>--base-url</c> overrides the endpoint.
/// </summary>
internal static class CliConnection
{
    /// <summary>Builds the toolkit options from the environment (and optional overrides).</summary>
    /// <param name="provider">A provider name given on the command line, or <see langword="null"/>.</param>
    /// <param name="baseUrl">An endpoint given on the command line, or <see langword="null"/>.</param>
    /// <param name="read">Reads an environment variable (tests pass their own).</param>
    /// <returns>The options, with <see cref="FineTuningToolkitOptions.UseEnvironmentVariables"/> off (already applied).</returns>
    /// <exception cref="CliUsageException">No usable connection is configured; the message says which variables to set.</exception>
    public static FineTuningToolkitOptions FromEnvironment(string? provider = null, string? baseUrl = null, Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Env(string name) => read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var chosen = ProviderFromEnvironment(provider, read);
        var options = new FineTuningToolkitOptions { Provider = chosen, UseEnvironmentVariables = false };
        if (chosen == FineTuningProvider.Azure)
        {
            options.ApiKey = Env("AZURE_OPENAI_API_KEY");
            var endpoint = baseUrl ?? Env("AZURE_OPENAI_ENDPOINT");
            if (options.ApiKey is null || endpoint is null)
            {
                throw new CliUsageException("Azure OpenAI needs AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY in the environment.");
            }

            options.Endpoint = ParseUrl(endpoint);
        }
        else
        {
            options.ApiKey = Env("OPENAI_API_KEY");
            if (options.ApiKey is null)
            {
                throw new CliUsageException("set OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint), or AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY for Azure OpenAI.");
            }

            if ((baseUrl ?? Env("OPENAI_BASE_URL")) is { } url)
            {
                options.Endpoint = ParseUrl(url);
            }

            options.Organization = Env("OPENAI_ORG_ID");
            options.Project = Env("OPENAI_PROJECT_ID");
        }

        return options;
    }

    /// <summary>The configured provider, without requiring its keys: <paramref name="provider"/>, else <c>FTK_PROVIDER</c>, else Azure
    /// when only <c>AZURE_OPENAI_API_KEY</c> is set, else OpenAI.</summary>
    /// <param name="provider">A provider name given on the command line, or <see langword="null"/>.</param>
    /// <param name="read">Reads an environment variable (tests pass their own).</param>
    /// <returns>The provider.</returns>
    /// <exception cref="CliUsageException">The name is neither openai nor azure.</exception>
    public static FineTuningProvider ProviderFromEnvironment(string? provider = null, Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Env(string name) => read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        return (provider ?? Env("FTK_PROVIDER"))?.ToLowerInvariant() switch
        {
            null => Env("OPENAI_API_KEY") is null && Env("AZURE_OPENAI_API_KEY") is not null ? FineTuningProvider.Azure : FineTuningProvider.OpenAI,
            "openai" => FineTuningProvider.OpenAI,
            "azure" => FineTuningProvider.Azure,
            var other => throw new CliUsageException($"unknown provider '{other}': use 'openai' or 'azure'."),
        };
    }

    /// <summary>Creates the toolkit's services for one command run.</summary>
    /// <param name="options">The connection options.</param>
    /// <param name="configure">Further changes to the options, or <see langword="null"/>.</param>
    /// <returns>The service provider; dispose it when the command ends.</returns>
    public static ServiceProvider CreateServices(FineTuningToolkitOptions options, Action<FineTuningToolkitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        services.AddFineTuning(o =>
        {
            o.Provider = options.Provider;
            o.Endpoint = options.Endpoint;
            o.ApiKey = options.ApiKey;
            o.Organization = options.Organization;
            o.Project = options.Project;
            o.UseEnvironmentVariables = false;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliUsageException($"'{text}' is not an http(s) URL.");
}
