using System.ClientModel;
using System.ClientModel.Primitives;
using FineTuning.Toolkit.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// The one connection: an <see cref="OpenAIClient"/> whose pipeline carries the resolved authentication (API key,
/// <c>api-key</c> header or Entra ID bearer token with the right scope) and the toolkit's <see cref="ToolkitRetryPolicy"/>
/// (the SDK's own retries are replaced, not stacked), plus the <see cref="ApiConnection"/> for the toolkit's own JSON calls.
/// </summary>
internal sealed class ProviderConnection : IFineTuningConnection
{
    private readonly ILoggerFactory _loggerFactory;

    private ProviderConnection(ConnectionSettings settings, OpenAIClient client, Uri endpoint, ToolkitRetryPolicy retry, SecretRedactor redactor, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Settings = settings;
        Client = client;
        Endpoint = endpoint;
        RetryPolicy = retry;
        Redactor = redactor;
        _loggerFactory = loggerFactory;
        Api = new ApiConnection(client.Pipeline, endpoint, settings.Provider, time, loggerFactory.CreateLogger("FineTuning.Toolkit.Connections"), redactor)
        {
            Capabilities = settings.Capabilities,
        };
    }

    /// <inheritdoc/>
    public FineTuningProvider Provider => Settings.Provider;

    /// <inheritdoc/>
    public Uri Endpoint { get; }

    /// <inheritdoc/>
    public ProviderCapabilities Capabilities => Settings.Capabilities;

    /// <summary>Gets the resolved settings.</summary>
    public ConnectionSettings Settings { get; }

    /// <summary>Gets the OpenAI client (its pipeline: auth, the toolkit's retry policy, timeouts).</summary>
    public OpenAIClient Client { get; }

    /// <summary>Gets the sender of the toolkit's own JSON requests over the same pipeline.</summary>
    public ApiConnection Api { get; }

    /// <summary>Gets the retry policy installed on the pipeline.</summary>
    public ToolkitRetryPolicy RetryPolicy { get; }

    /// <summary>Gets the redactor that knows the configured key.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Builds the connection from options (after the environment has been applied).</summary>
    /// <param name="options">The options.</param>
    /// <param name="time">The time provider (retry waits).</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    /// <param name="customClient">A caller-supplied client whose pipeline brings its own authentication, or <see langword="null"/>.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="InvalidOperationException">The options do not describe a usable connection; the message names the settings.</exception>
    public static ProviderConnection Create(FineTuningToolkitOptions options, TimeProvider time, ILoggerFactory? loggerFactory, OpenAIClient? customClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        loggerFactory ??= NullLoggerFactory.Instance;
        if (customClient is not null)
        {
            options.HasCustomClient = true;
        }

        var settings = ConnectionResolver.Resolve(options, out var errors)
            ?? throw new InvalidOperationException("The fine-tuning connection is not configured: " + string.Join(" ", errors));
        var redactor = new SecretRedactor(settings.ApiKey);
        var retry = new ToolkitRetryPolicy(options.Retry, time, loggerFactory.CreateLogger("FineTuning.Toolkit.Connections"));
#pragma warning disable OPENAI001 // Endpoint and the authentication-policy constructor are experimental in the OpenAI SDK; kept inside the toolkit.
        if (customClient is not null)
        {
            var endpoint = settings.BaseAddress ?? customClient.Endpoint;
            return new ProviderConnection(settings, customClient, endpoint, retry, redactor, time, loggerFactory);
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.BaseAddress,
            OrganizationId = settings.Organization,
            ProjectId = settings.Project,
            UserAgentApplicationId = "ftk",
            NetworkTimeout = settings.RequestTimeout,
            RetryPolicy = retry,
        };
        AuthenticationPolicy auth = settings.Auth switch
        {
            AuthKind.AzureApiKey => ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(settings.ApiKey!), "api-key"),
            AuthKind.TokenCredential => new TokenCredentialPolicy(settings.Credential ?? new Azure.Identity.DefaultAzureCredential(), settings.Scope!, time),
            _ => ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(settings.ApiKey!)),
        };
        clientOptions.AddPolicy(new ErrorRedactionPolicy(redactor), PipelinePosition.PerTry);
        var client = new OpenAIClient(auth, clientOptions);
#pragma warning restore OPENAI001
        return new ProviderConnection(settings, client, settings.BaseAddress!, retry, redactor, time, loggerFactory);
    }

    /// <inheritdoc/>
    public IChatClient GetChatClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new ChatClientBuilder(Client.GetChatClient(model).AsIChatClient())
            .UseOpenTelemetry(_loggerFactory, ToolkitTelemetry.ActivitySourceName)
            .UseLogging(_loggerFactory)
            .Build();
    }

    /// <inheritdoc/>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new EmbeddingGeneratorBuilder<string, Embedding<float>>(Client.GetEmbeddingClient(model).AsIEmbeddingGenerator())
            .UseOpenTelemetry(_loggerFactory, ToolkitTelemetry.ActivitySourceName)
            .UseLogging(_loggerFactory)
            .Build();
    }

    /// <summary>Describes the connection without secrets.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Settings.ToString();
}
