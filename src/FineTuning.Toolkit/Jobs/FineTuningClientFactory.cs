using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Builds the OpenAI-wire client from options, or over a caller-supplied <see cref="OpenAIClient"/> (e.g. Entra ID auth).</summary>
internal static class FineTuningClientFactory
{
#pragma warning disable OPENAI001 // The key-policy constructor and Endpoint are experimental in the OpenAI SDK; kept inside the toolkit.
    public static OpenAIFineTuningClient Create(FineTuningToolkitOptions options, TimeProvider time, ILoggerFactory? loggerFactory, OpenAIClient? customClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FineTuning.Toolkit.Jobs");
        OpenAIClient client;
        Uri endpoint;
        if (customClient is not null)
        {
            client = customClient;
            endpoint = options.Endpoint is null ? customClient.Endpoint : options.GetEffectiveEndpoint()!;
        }
        else
        {
            endpoint = options.GetEffectiveEndpoint() ?? throw new InvalidOperationException("FineTuning:Endpoint is required for Azure.");
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                throw new InvalidOperationException("FineTuning:ApiKey is missing (set it, or the OPENAI_API_KEY / AZURE_OPENAI_API_KEY environment variable).");
            }

            var clientOptions = new OpenAIClientOptions
            {
                Endpoint = endpoint,
                OrganizationId = options.Organization,
                ProjectId = options.Project,
                UserAgentApplicationId = "ftk",
                NetworkTimeout = options.RequestTimeout,
                // The toolkit retries itself (Retry-After cap, jitter, idempotent create); the SDK must not retry underneath.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            };
            var credential = new ApiKeyCredential(options.ApiKey);
            AuthenticationPolicy auth = options.Provider == FineTuningProvider.Azure
                ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, "api-key")
                : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(credential);
            client = new OpenAIClient(auth, clientOptions);
        }

        var connection = new ApiConnection(client.Pipeline, endpoint, options.Provider, options.Retry, time, logger, options.ApiKey);
        return new OpenAIFineTuningClient(connection, options.AzureTrainingType);
    }
#pragma warning restore OPENAI001
}
