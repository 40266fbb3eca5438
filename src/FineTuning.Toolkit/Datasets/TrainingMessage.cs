using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// One message of a training example (system, developer, user, assistant, tool or the deprecated function role).
/// Named <c>TrainingMessage</c> so that it never collides with the OpenAI SDK's or Microsoft.Extensions.AI's <c>ChatMessage</c>.
/// </summary>
public sealed class TrainingMessage
{
    private Dictionary<string, JsonElement>? _extra;

    /// <summary>Initializes a new instance of the <see cref="TrainingMessage"/> class.</summary>
    public TrainingMessage()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingMessage"/> class.</summary>
    /// <param name="role">The role.</param>
    /// <param name="content">The content, or <see langword="null"/>.</param>
    public TrainingMessage(TrainingRole role, TrainingContent? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary>Gets or sets the role.</summary>
    public TrainingRole Role { get; set; }

    /// <summary>Gets or sets the content (a string or parts), or <see langword="null"/> (allowed on an assistant message with tool or function calls).</summary>
    public TrainingContent? Content { get; set; }

    /// <summary>Gets or sets the optional participant name (required on the deprecated function role).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the training weight of an assistant message: 0 (do not train on it) or 1; <see langword="null"/> means 1.</summary>
    public int? Weight { get; set; }

    /// <summary>Gets or sets the assistant's refusal text, or <see langword="null"/>.</summary>
    public string? Refusal { get; set; }

    /// <summary>Gets or sets the assistant's tool calls, or <see langword="null"/>.</summary>
    public IList<TrainingToolCall>? ToolCalls { get; set; }

    /// <summary>Gets or sets the id of the tool call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets the deprecated assistant <c>function_call</c>, or <see langword="null"/>.</summary>
    public TrainingFunctionCall? FunctionCall { get; set; }

    /// <summary>Gets the keys the toolkit does not model; written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    /// <summary>Gets the text of the content (string, or text parts joined), or an empty string.</summary>
    public string Text => Content?.GetText() ?? string.Empty;

    /// <summary>Creates a system message.</summary>
    /// <param name="content">The content.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage System(TrainingContent content) => new(TrainingRole.System, content);

    /// <summary>Creates a developer message (reinforcement format).</summary>
    /// <param name="content">The content.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Developer(TrainingContent content) => new(TrainingRole.Developer, content);

    /// <summary>Creates a user message.</summary>
    /// <param name="content">The content (text, or parts with images).</param>
    /// <returns>The message.</returns>
    public static TrainingMessage User(TrainingContent content) => new(TrainingRole.User, content);

    /// <summary>Creates an assistant message.</summary>
    /// <param name="content">The content.</param>
    /// <param name="weight">0 to exclude this turn from training, 1 to include it, <see langword="null"/> for the default (1).</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Assistant(TrainingContent? content, int? weight = null) => new(TrainingRole.Assistant, content) { Weight = weight };

    /// <summary>Creates an assistant message that calls tools.</summary>
    /// <param name="toolCalls">The tool calls.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage AssistantToolCalls(params IEnumerable<TrainingToolCall> toolCalls) =>
        new(TrainingRole.Assistant, null) { ToolCalls = [.. toolCalls] };

    /// <summary>Creates a tool message answering <paramref name="toolCallId"/>.</summary>
    /// <param name="toolCallId">The id of the answered call.</param>
    /// <param name="content">The tool's result.</param>
    /// <returns>The message.</returns>
    public static TrainingMessage Tool(string toolCallId, TrainingContent content) => new(TrainingRole.Tool, content) { ToolCallId = toolCallId };

    /// <summary>Parses a message object.</summary>
    /// <param name="element">The JSON object.</param>
    /// <param name="path">The JSON path, used in errors (e.g. <c>$.messages[2]</c>).</param>
    /// <returns>The message.</returns>
    /// <exception cref="DatasetParseException">The value has the wrong shape.</exception>
    public static TrainingMessage Parse(JsonElement element, string path = "$")
    {
        ExampleJson.RequireObject(element, path);
        var message = new TrainingMessage();
        var sawRole = false;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "role":
                    message.Role = new TrainingRole(ExampleJson.RequiredString(value, path + ".role"));
                    sawRole = true;
                    break;
                case "content":
                    message.Content = value.ValueKind == JsonValueKind.Null ? null : TrainingContent.Parse(value, path + ".content");
                    break;
                case "name":
                    message.Name = ExampleJson.OptionalString(value, path + ".name");
                    break;
                case "weight":
                    message.Weight = value.ValueKind == JsonValueKind.Null ? null
                        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var weight) ? weight
                        : throw ExampleJson.Fail(path + ".weight", $"weight must be 0 or 1, found {value.GetRawText()}.");
                    break;
                case "refusal":
                    message.Refusal = ExampleJson.OptionalString(value, path + ".refusal");
                    break;
                case "tool_calls":
                    message.ToolCalls = ParseToolCalls(value, path + ".tool_calls");
                    break;
                case "tool_call_id":
                    message.ToolCallId = ExampleJson.OptionalString(value, path + ".tool_call_id");
                    break;
                case "function_call":
                    message.FunctionCall = value.ValueKind == JsonValueKind.Null ? null : TrainingFunctionCall.Parse(value, path + ".function_call");
                    break;
                default:
                    ExampleJson.AddExtra(ref message._extra, property);
                    break;
            }
        }

        if (!sawRole)
        {
            throw ExampleJson.Fail(path + ".role", "a message needs a role.");
        }

        return message;
    }

    private static List<TrainingToolCall>? ParseToolCalls(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ExampleJson.Fail(path, $"tool_calls must be an array, found {ExampleJson.Kind(value)}.");
        }

        var calls = new List<TrainingToolCall>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            calls.Add(TrainingToolCall.Parse(item, $"{path}[{i++}]"));
        }

        return calls;
    }

    /// <summary>Writes the message as platform JSON (snake_case; absent values are omitted, never written as null).</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("role", Role.Value);
        if (Content is not null)
        {
            writer.WritePropertyName("content");
            Content.WriteTo(writer);
        }

        ExampleJson.WriteStringIfNotNull(writer, "name", Name);
        ExampleJson.WriteStringIfNotNull(writer, "refusal", Refusal);
        if (ToolCalls is { Count: > 0 })
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in ToolCalls)
            {
                call.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        ExampleJson.WriteStringIfNotNull(writer, "tool_call_id", ToolCallId);
        if (FunctionCall is not null)
        {
            writer.WritePropertyName("function_call");
            FunctionCall.WriteTo(writer);
        }

        if (Weight is { } weight)
        {
            writer.WriteNumber("weight", weight);
        }

        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }

    internal static List<TrainingMessage> ParseList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ExampleJson.Fail(path, $"expected an array of messages, found {ExampleJson.Kind(value)}.");
        }

        var messages = new List<TrainingMessage>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            messages.Add(Parse(item, $"{path}[{i++}]"));
        }

        return messages;
    }

    internal static void WriteList(Utf8JsonWriter writer, string name, IList<TrainingMessage> messages)
    {
        writer.WriteStartArray(name);
        foreach (var message in messages)
        {
            message.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
