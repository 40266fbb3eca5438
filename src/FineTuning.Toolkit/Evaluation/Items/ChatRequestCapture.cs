using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// The one <see cref="ChatOptions"/> → request mapping for evaluation: runs the real Microsoft.Extensions.AI OpenAI
/// <see cref="IChatClient"/> over an <see cref="OpenAIClient"/> whose transport records the request body and answers
/// with a canned completion, so batch request lines and cache keys hold exactly the bytes an online call sends.
/// </summary>
internal static class ChatRequestCapture
{
    private const string CannedCompletion =
        """{"id":"capture","object":"chat.completion","created":0,"model":"capture","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}]}""";

    private static readonly AsyncLocal<StrongBox<byte[]?>?> s_slot = new();
    private static readonly ConcurrentDictionary<string, IChatClient> s_clients = new(StringComparer.Ordinal);
    private static readonly Lazy<OpenAIClient> s_client = new(CreateClient);

    /// <summary>The <c>/v1/chat/completions</c> body the OpenAI chat client sends for these messages and options.</summary>
    /// <param name="modelId">The model (or deployment) the request names.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options (including a <see cref="ChatOptions.RawRepresentationFactory"/>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The JSON body, byte for byte.</returns>
    public static async Task<byte[]> CaptureAsync(string modelId, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var chat = s_clients.GetOrAdd(modelId, static model => s_client.Value.GetChatClient(model).AsIChatClient());
        var slot = new StrongBox<byte[]?>();
        s_slot.Value = slot;
        try
        {
            await chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            s_slot.Value = null;
        }

        return slot.Value ?? throw new InvalidOperationException("The chat client sent no request body.");
    }

    private static OpenAIClient CreateClient()
    {
#pragma warning disable CA2000 // The handler lives as long as the process-wide capture client.
        var transport = new HttpClientPipelineTransport(new HttpClient(new CaptureHandler()));
#pragma warning restore CA2000
        return new OpenAIClient(new ApiKeyCredential("capture"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://capture.invalid/v1/"),
            Transport = transport,
            RetryPolicy = new ClientRetryPolicy(0),
        });
    }

    private sealed class CaptureHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (s_slot.Value is { } slot) slot.Value = body;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(CannedCompletion, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
    }
}
