using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A chat / supervised fine-tuning example: <c>{"messages":[...], "tools"?, "parallel_tool_calls"?, "functions"?}</c>.</summary>
/// <remarks>Also used as the <c>input</c> of a <see cref="PreferenceExample"/>.</remarks>
public sealed class ChatExample : DatasetExample
{
    /// <summary>Initializes a new instance of the <see cref="ChatExample"/> class.</summary>
    public ChatExample()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatExample"/> class with messages.</summary>
    /// <param name="messages">The messages.</param>
    public ChatExample(IEnumerable<TrainingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = [.. messages];
    }

    /// <inheritdoc/>
    public override DatasetFormat Format => DatasetFormat.Chat;

    /// <summary>Gets or sets the conversation.</summary>
    public IList<TrainingMessage> Messages { get; set; } = [];

    /// <summary>Gets or sets the tool definitions available in the conversation, or <see langword="null"/>.</summary>
    public IList<TrainingTool>? Tools { get; set; }

    /// <summary>Gets or sets <c>parallel_tool_calls</c>; <see langword="null"/> leaves the platform default (on).</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Gets or sets the deprecated <c>functions</c> definitions, or <see langword="null"/>.</summary>
    public IList<TrainingFunction>? Functions { get; set; }

    /// <summary>Parses a chat example.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The example.</returns>
    /// <exception cref="DatasetParseException">The value has the wrong shape.</exception>
    public static ChatExample Parse(JsonElement element) => Parse(element, "$");

    internal static ChatExample Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var example = new ChatExample();
        var sawMessages = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    example.Messages = TrainingMessage.ParseList(property.Value, path + ".messages");
                    sawMessages = true;
                    break;
                case "tools":
                    example.Tools = ParseTools(property.Value, path + ".tools");
                    break;
                case "parallel_tool_calls":
                    example.ParallelToolCalls = ExampleJson.OptionalBool(property.Value, path + ".parallel_tool_calls");
                    break;
                case "functions":
                    example.Functions = ParseFunctions(property.Value, path + ".functions");
                    break;
                default:
                    example.ReadExtra(property);
                    break;
            }
        }

        if (!sawMessages)
        {
            throw ExampleJson.Fail(path + ".messages", "a chat example needs messages.");
        }

        return example;
    }

    private static List<TrainingFunction>? ParseFunctions(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ExampleJson.Fail(path, $"functions must be an array, found {ExampleJson.Kind(value)}.");
        }

        var functions = new List<TrainingFunction>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            functions.Add(TrainingFunction.Parse(item, $"{path}[{i++}]"));
        }

        return functions;
    }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteBody(writer);
        writer.WriteEndObject();
    }

    internal void WriteBody(Utf8JsonWriter writer)
    {
        TrainingMessage.WriteList(writer, "messages", Messages);
        WriteTools(writer, Tools);
        if (ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls", parallel);
        }

        if (Functions is not null)
        {
            writer.WriteStartArray("functions");
            foreach (var function in Functions)
            {
                function.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        WriteExtra(writer);
    }
}
