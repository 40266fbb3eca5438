using System.ClientModel;
using System.ClientModel.Primitives;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FineTuning.Toolkit.Cli.Commands.Evaluation;

/// <summary>
/// The connection the evaluation commands use: the embedded emulator (<c>--emulator</c>), or OpenAI / Azure OpenAI from
/// the environment (<c>OPENAI_API_KEY</c> [+ <c>OPENAI_BASE_URL</c>], or <c>AZURE_OPENAI_ENDPOINT</c> + <c>AZURE_OPENAI_API_KEY</c>).
/// The SDK's own retries are off: the runner retries, honouring Retry-After, under its rate limiter.
/// </summary>
internal sealed class EvalConnection : IAsyncDisposable
{
    private EvalConnection(OpenAIClient client, string providerName, OpenAIEmulator? emulator)
    {
        Client = client;
        ProviderName = providerName;
        Emulator = emulator;
    }

    public OpenAIClient Client { get; }

    public string ProviderName { get; }

    public OpenAIEmulator? Emulator { get; }

    public static async Task<EvalConnection> OpenAsync(bool useEmulator, string? emulatorData, string? provider, string? baseUrl, string? apiKeyVariable, CancellationToken cancellationToken)
    {
        if (useEmulator)
        {
            var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = emulatorData }, cancellationToken).ConfigureAwait(false);
            return new EvalConnection(emulator.CreateOpenAIClient(maxRetries: 0, networkTimeout: TimeSpan.FromMinutes(2)), "openai", emulator);
        }

        var azure = string.Equals(provider, "azure", StringComparison.OrdinalIgnoreCase)
            || (provider is null && string.IsNullOrWhiteSpace(Env("OPENAI_API_KEY")) && !string.IsNullOrWhiteSpace(Env("AZURE_OPENAI_ENDPOINT")));
        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(5),
            UserAgentApplicationId = "ftk",
        };
        if (azure)
        {
            var keyVariable = apiKeyVariable ?? "AZURE_OPENAI_API_KEY";
            var key = Env(keyVariable) ?? throw new CliUsageException($"{keyVariable} is not set (or pass --emulator).");
            var endpoint = baseUrl ?? Env("AZURE_OPENAI_ENDPOINT") ?? throw new CliUsageException("AZURE_OPENAI_ENDPOINT is not set (e.g. https://my-resource.openai.azure.com).");
            options.Endpoint = AzureV1Endpoint(endpoint);
#pragma warning disable OPENAI001 // The authentication-policy constructor is experimental; it is how Azure's api-key header is sent.
            var client = new OpenAIClient(ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(key), "api-key"), options);
#pragma warning restore OPENAI001
            return new EvalConnection(client, "azure.ai.openai", null);
        }

        var apiKeyName = apiKeyVariable ?? "OPENAI_API_KEY";
        var apiKey = Env(apiKeyName) ?? throw new CliUsageException($"{apiKeyName} is not set (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY, or pass --emulator).");
        if ((baseUrl ?? Env("OPENAI_BASE_URL")) is { } url)
        {
            options.Endpoint = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new CliUsageException($"The base URL '{url}' is not an absolute URL.");
        }
        return new EvalConnection(new OpenAIClient(new ApiKeyCredential(apiKey), options), "openai", null);
    }

    /// <summary>Azure's v1 data-plane URL (<c>…/openai/v1/</c>) from a resource endpoint given with or without the path.</summary>
    internal static Uri AzureV1Endpoint(string endpoint)
    {
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)) throw new CliUsageException($"The Azure endpoint '{endpoint}' is not an absolute URL.");
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)) return new Uri(uri, path + "/");
        if (path.EndsWith("/openai", StringComparison.OrdinalIgnoreCase)) return new Uri(uri, path + "/v1/");
        return new Uri(uri, path + "/openai/v1/");
    }

    public IChatClient CreateChatClient(string model) => new OpenAIChatClientAdapter(Client, model, ProviderName);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model) =>
        new OpenAIEmbeddingGeneratorAdapter(Client.GetEmbeddingClient(model), ProviderName);

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null) await Emulator.DisposeAsync().ConfigureAwait(false);
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
