using FineTuning.Toolkit.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>
/// The connection of every <c>ftk</c> command that calls a service (train, jobs, watch, export, upload, eval, probe,
/// quickstart): the library's one rule (<see cref="ConnectionResolver"/>) over the environment, with <c>--provider</c>
/// and <c>--base-url</c> as overrides. Errors name the variable or option to fix.
/// </summary>
internal static class CliConnection
{
    /// <summary>Builds the toolkit options from the command line overrides; the environment is applied by the library.</summary>
    /// <param name="provider">A provider name given on the command line, or <see langword="null"/>.</param>
    /// <param name="baseUrl">An endpoint given on the command line, or <see langword="null"/>.</param>
    /// <param name="apiKeyVariable">The name of an environment variable holding the key (<c>--api-key-env</c>), or <see langword="null"/>.</param>
    /// <returns>The options.</returns>
    /// <exception cref="CliUsageException">An override is malformed.</exception>
    public static FineTuningToolkitOptions Options(string? provider = null, string? baseUrl = null, string? apiKeyVariable = null)
    {
        var options = new FineTuningToolkitOptions();
        if (provider is not null)
        {
            options.Provider = ConnectionResolver.TryParseProvider(provider, out var parsed)
                ? parsed
                : throw new CliUsageException($"--provider '{provider}' is not known: use {ConnectionResolver.ProviderNames}.");
        }

        if (baseUrl is not null)
        {
            options.Endpoint = ConnectionResolver.TryParseHttpUrl(baseUrl, out var uri)
                ? uri
                : throw new CliUsageException($"--base-url '{baseUrl}' is not an absolute http(s) URL.");
        }

        if (apiKeyVariable is not null)
        {
            options.ApiKey = Environment.GetEnvironmentVariable(apiKeyVariable) is { Length: > 0 } key
                ? key
                : throw new CliUsageException($"--api-key-env names {apiKeyVariable}, which is not set.");
        }

        return options;
    }

    /// <summary>Options for the embedded emulator (no environment).</summary>
    /// <param name="emulator">The running emulator.</param>
    /// <returns>The options.</returns>
    public static FineTuningToolkitOptions EmulatorOptions(Testing.OpenAIEmulator emulator) => new()
    {
        Provider = FineTuningProvider.OpenAI,
        Endpoint = emulator.BaseUrl,
        ApiKey = emulator.ApiKey,
        UseEnvironmentVariables = false,
    };

    /// <summary>Resolves the connection the options describe, as the library does, and fails with the settings to fix.</summary>
    /// <param name="options">The options.</param>
    /// <param name="read">Reads an environment variable (tests pass their own).</param>
    /// <returns>The resolved settings.</returns>
    /// <exception cref="CliUsageException">No usable connection is configured; the message says which variables to set.</exception>
    public static ConnectionSettings Resolve(FineTuningToolkitOptions options, Func<string, string?>? read = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseEnvironmentVariables)
        {
            new FineTuningToolkitOptionsSetup(read ?? Environment.GetEnvironmentVariable).PostConfigure(null, options);
            options.UseEnvironmentVariables = read is null;
        }

        return ConnectionResolver.Resolve(options, out var errors) ?? throw new CliUsageException(Describe(errors));
    }

    /// <summary>Creates the toolkit's services for one command run; the options are validated (and the connection resolved) at once.</summary>
    /// <param name="options">The connection options.</param>
    /// <param name="configure">Further changes to the options, or <see langword="null"/>.</param>
    /// <returns>The service provider; dispose it when the command ends.</returns>
    /// <exception cref="CliUsageException">The configuration is not usable; the message names the settings.</exception>
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
            o.Credential = options.Credential;
            o.UseDefaultAzureCredential = options.UseDefaultAzureCredential;
            o.UseEnvironmentVariables = options.UseEnvironmentVariables;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            _ = provider.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            throw new CliUsageException(Describe(ex.Failures));
        }

        return provider;
    }

    private static string Describe(IEnumerable<string> errors) =>
        string.Join(" ", errors) + " (set OPENAI_API_KEY, or AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY or FTK_AZURE_AUTH=entra; FTK_PROVIDER or --provider picks one.)";
}
