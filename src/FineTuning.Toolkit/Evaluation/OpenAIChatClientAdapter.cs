// Model, Endpoint and DeveloperChatMessage are marked experimental (OPENAI001) in the SDK; the diagnostic stays inside this adapter.
#pragma warning disable OPENAI001
using System.ClientModel;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkFinishReason = OpenAI.Chat.ChatFinishReason;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's <see cref="ChatClient"/>, so base models, fine-tuned model ids
/// (<c>ft:…</c>), checkpoint model ids and Azure OpenAI deployments (v1 path) can be evaluated through
/// Microsoft.Extensions.AI.
/// </summary>
/// <remarks>
/// <para>Maps system, developer, user, assistant (text and tool calls) and tool messages; <see cref="ChatOptions"/>
/// temperature, max output tokens, seed, top_p, penalties, stop sequences, JSON response format (object or schema) and
/// function tools; usage to <see cref="UsageDetails"/>; the finish reason.</para>
/// <para>Log probabilities: set <c>ChatOptions.AdditionalProperties["logprobs"] = true</c> (and optionally
/// <c>["top_logprobs"] = n</c>); the response then carries an <see cref="IReadOnlyList{T}"/> of
/// <see cref="EvalTokenLogprob"/> in <c>ChatResponse.AdditionalProperties["logprobs"]</c>.</para>
/// <para>When <see cref="ChatOptions.ModelId"/> names another model than the wrapped client's, the adapter needs an
/// <see cref="OpenAIClient"/> to reach it: construct it with <see cref="OpenAIChatClientAdapter(OpenAIClient, string, string?)"/>.
/// Thread-safe.</para>
/// </remarks>
public sealed class OpenAIChatClientAdapter : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key that asks for log probabilities, and the response key that carries them.</summary>
    public const string LogProbabilitiesKey = "logprobs";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key giving how many alternatives per token to return (0–20).</summary>
    public const string TopLogProbabilitiesKey = "top_logprobs";

    /// <summary>The response <see cref="ChatResponse.AdditionalProperties"/> key holding the service's system fingerprint, when sent.</summary>
    public const string SystemFingerprintKey = "system_fingerprint";

    private readonly OpenAIClient? _client;
    private readonly ChatClient _defaultClient;
    private readonly ConcurrentDictionary<string, ChatClient> _byModel = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="OpenAIChatClientAdapter"/> class over one model's chat client.</summary>
    /// <param name="chatClient">The SDK chat client (its model is the default model).</param>
    /// <param name="providerName">The provider name reported in <see cref="ChatClientMetadata"/>, e.g. <c>openai</c> or <c>azure.ai.openai</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="chatClient"/> is <see langword="null"/>.</exception>
    public OpenAIChatClientAdapter(ChatClient chatClient, string? providerName = "openai")
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _defaultClient = chatClient;
        _metadata = new ChatClientMetadata(providerName, chatClient.Endpoint, chatClient.Model);
    }

    /// <summary>Initializes a new instance of the <see cref="OpenAIChatClientAdapter"/> class that can reach any model of <paramref name="client"/>.</summary>
    /// <param name="client">The SDK client (OpenAI, or Azure OpenAI's v1 endpoint).</param>
    /// <param name="defaultModelId">The model used when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="providerName">The provider name reported in <see cref="ChatClientMetadata"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="defaultModelId"/> is empty.</exception>
    public OpenAIChatClientAdapter(OpenAIClient client, string defaultModelId, string? providerName = "openai")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModelId);
        _client = client;
        _defaultClient = client.GetChatClient(defaultModelId);
        _byModel[defaultModelId] = _defaultClient;
        _metadata = new ChatClientMetadata(providerName, _defaultClient.Endpoint, defaultModelId);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = ClientFor(options?.ModelId);
        var sdkMessages = ToSdkMessages(messages, options);
        var sdkOptions = ToSdkOptions(options);
        ClientResult<ChatCompletion> result = await client.CompleteChatAsync(sdkMessages, sdkOptions, cancellationToken).ConfigureAwait(false);
        return FromCompletion(result.Value);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = ClientFor(options?.ModelId);
        var sdkMessages = ToSdkMessages(messages, options);
        var sdkOptions = ToSdkOptions(options);
        await foreach (var update in client.CompleteChatStreamingAsync(sdkMessages, sdkOptions, cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && part.Text is { Length: > 0 } text) contents.Add(new TextContent(text));
            }
            if (update.Usage is { } usage) contents.Add(new UsageContent(ToUsage(usage)));
            yield return new ChatResponseUpdate(AIChatRole.Assistant, contents)
            {
                ResponseId = update.CompletionId,
                MessageId = update.CompletionId,
                ModelId = update.Model,
                CreatedAt = update.CreatedAt,
                FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
                RawRepresentation = update,
            };
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(ChatClient)) return _defaultClient;
        if (serviceType == typeof(OpenAIClient)) return _client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The SDK clients own no disposable resources; nothing to release.
    }

    private ChatClient ClientFor(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId) || string.Equals(modelId, _defaultClient.Model, StringComparison.Ordinal)) return _defaultClient;
        if (_client is null)
        {
            throw new InvalidOperationException(
                $"This adapter wraps a chat client bound to model '{_defaultClient.Model}' and cannot call '{modelId}'; construct it from an OpenAIClient to switch models per request.");
        }
        return _byModel.GetOrAdd(modelId, static (id, c) => c.GetChatClient(id), _client);
    }

    internal static List<SdkChatMessage> ToSdkMessages(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<SdkChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions)) result.Add(new SystemChatMessage(options.Instructions));
        foreach (var message in messages)
        {
            var role = message.Role;
            if (role == AIChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text) { ParticipantName = message.AuthorName });
            }
            else if (role.Value == "developer")
            {
                result.Add(new DeveloperChatMessage(message.Text) { ParticipantName = message.AuthorName });
            }
            else if (role == AIChatRole.User)
            {
                result.Add(ToUserMessage(message));
            }
            else if (role == AIChatRole.Assistant)
            {
                result.Add(ToAssistantMessage(message));
            }
            else if (role == AIChatRole.Tool)
            {
                foreach (var content in message.Contents)
                {
                    if (content is FunctionResultContent functionResult)
                    {
                        result.Add(new ToolChatMessage(functionResult.CallId, ResultToString(functionResult.Result)));
                    }
                }
            }
            else
            {
                throw new NotSupportedException($"The chat role '{role.Value}' is not supported by the OpenAI chat completions API.");
            }
        }
        return result;
    }

    private static UserChatMessage ToUserMessage(AIChatMessage message)
    {
        var parts = new List<ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
            }
        }
        if (parts.Count == 0) parts.Add(ChatMessageContentPart.CreateTextPart(message.Text));
        return new UserChatMessage(parts) { ParticipantName = message.AuthorName };
    }

    private static AssistantChatMessage ToAssistantMessage(AIChatMessage message)
    {
        var toolCalls = new List<ChatToolCall>();
        foreach (var content in message.Contents)
        {
            if (content is FunctionCallContent call)
            {
                var arguments = BinaryData.FromString(JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
                toolCalls.Add(ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, arguments));
            }
        }
        AssistantChatMessage assistant = toolCalls.Count > 0 ? new AssistantChatMessage(toolCalls) : new AssistantChatMessage(message.Text);
        if (toolCalls.Count > 0 && message.Text is { Length: > 0 } text) assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        assistant.ParticipantName = message.AuthorName;
        return assistant;
    }

    private static string ResultToString(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    internal static ChatCompletionOptions ToSdkOptions(ChatOptions? options)
    {
        var sdk = new ChatCompletionOptions();
        if (options is null) return sdk;
        sdk.Temperature = options.Temperature;
        sdk.MaxOutputTokenCount = options.MaxOutputTokens;
        sdk.TopP = options.TopP;
        sdk.FrequencyPenalty = options.FrequencyPenalty;
        sdk.PresencePenalty = options.PresencePenalty;

        sdk.Seed = options.Seed;

        if (options.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops) sdk.StopSequences.Add(stop);
        }
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                sdk.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                    json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: true);
                break;
            case ChatResponseFormatJson:
                sdk.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat();
                break;
            case ChatResponseFormatText:
                sdk.ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateTextFormat();
                break;
        }
        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                if (tool is AIFunctionDeclaration function)
                {
                    sdk.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())));
                }
            }
        }
        if (options.AdditionalProperties is { } extra)
        {
            if (extra.TryGetValue(LogProbabilitiesKey, out var logprobs) && logprobs is true or "true") sdk.IncludeLogProbabilities = true;
            if (extra.TryGetValue(TopLogProbabilitiesKey, out var top) && top is not null && int.TryParse(Convert.ToString(top, System.Globalization.CultureInfo.InvariantCulture), out var count))
            {
                sdk.IncludeLogProbabilities = true;
                sdk.TopLogProbabilityCount = count;
            }
        }
        return sdk;
    }

    internal static ChatResponse FromCompletion(ChatCompletion completion)
    {
        var message = new AIChatMessage { Role = AIChatRole.Assistant, MessageId = completion.Id, RawRepresentation = completion };
        var text = new StringBuilder();
        foreach (var part in completion.Content)
        {
            if (part.Kind == ChatMessageContentPartKind.Text) text.Append(part.Text);
        }
        if (text.Length > 0) message.Contents.Add(new TextContent(text.ToString()));
        if (completion.Refusal is { Length: > 0 } refusal) message.Contents.Add(new TextContent(refusal) { AdditionalProperties = new() { ["refusal"] = true } });
        foreach (var toolCall in completion.ToolCalls)
        {
            Dictionary<string, object?>? arguments = null;
            try
            {
                arguments = toolCall.FunctionArguments.ToObjectFromJson<Dictionary<string, object?>>();
            }
            catch (JsonException)
            {
                // Arguments that are not a JSON object are kept raw below.
            }
            var call = new FunctionCallContent(toolCall.Id, toolCall.FunctionName, arguments);
            if (arguments is null) call.AdditionalProperties = new() { ["raw_arguments"] = toolCall.FunctionArguments.ToString() };
            message.Contents.Add(call);
        }

        var response = new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = completion.Usage is { } usage ? ToUsage(usage) : null,
            RawRepresentation = completion,
        };
        if (completion.ContentTokenLogProbabilities is { Count: > 0 } logprobs)
        {
            (response.AdditionalProperties ??= [])[LogProbabilitiesKey] = ToLogProbabilities(logprobs);
        }
        if (!string.IsNullOrEmpty(completion.SystemFingerprint))
        {
            (response.AdditionalProperties ??= [])[SystemFingerprintKey] = completion.SystemFingerprint;
        }
        return response;
    }

    private static List<EvalTokenLogprob> ToLogProbabilities(IReadOnlyList<ChatTokenLogProbabilityDetails> details)
    {
        var list = new List<EvalTokenLogprob>(details.Count);
        foreach (var d in details)
        {
            List<EvalTokenLogprob>? top = null;
            if (d.TopLogProbabilities is { Count: > 0 })
            {
                top = new List<EvalTokenLogprob>(d.TopLogProbabilities.Count);
                foreach (var t in d.TopLogProbabilities) top.Add(new EvalTokenLogprob(t.Token, t.LogProbability));
            }
            list.Add(new EvalTokenLogprob(d.Token, d.LogProbability, top));
        }
        return list;
    }

    private static UsageDetails ToUsage(ChatTokenUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
        if (usage.InputTokenDetails?.CachedTokenCount is > 0 and var cached) details.CachedInputTokenCount = cached;
        if (usage.OutputTokenDetails?.ReasoningTokenCount is > 0 and var reasoning) details.ReasoningTokenCount = reasoning;
        return details;
    }

    private static AIFinishReason? ToFinishReason(SdkFinishReason reason) => reason switch
    {
        SdkFinishReason.Stop => AIFinishReason.Stop,
        SdkFinishReason.Length => AIFinishReason.Length,
        SdkFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        SdkFinishReason.ToolCalls or SdkFinishReason.FunctionCall => AIFinishReason.ToolCalls,
        _ => new AIFinishReason(reason.ToString().ToLowerInvariant()),
    };
}
