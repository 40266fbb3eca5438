using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>
/// Fills a missing endpoint and API key from the environment: <c>OPENAI_API_KEY</c> / <c>OPENAI_BASE_URL</c> for
/// OpenAI, <c>AZURE_OPENAI_API_KEY</c> / <c>AZURE_OPENAI_ENDPOINT</c> for Azure.
/// </summary>
internal sealed class FineTuningToolkitOptionsEnvironment : IPostConfigureOptions<FineTuningToolkitOptions>
{
    private readonly Func<string, string?> _read;

    public FineTuningToolkitOptionsEnvironment()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal FineTuningToolkitOptionsEnvironment(Func<string, string?> read) => _read = read;

    public void PostConfigure(string? name, FineTuningToolkitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UseEnvironmentVariables)
        {
            return;
        }

        var azure = options.Provider == FineTuningProvider.Azure;
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = NullIfEmpty(_read(azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"));
        }

        if (options.Endpoint is null && NullIfEmpty(_read(azure ? "AZURE_OPENAI_ENDPOINT" : "OPENAI_BASE_URL")) is { } endpoint
            && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            options.Endpoint = uri;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
