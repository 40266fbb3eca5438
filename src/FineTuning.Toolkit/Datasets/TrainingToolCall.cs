using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>One item of an assistant message's <c>tool_calls</c>: <c>{"id","type":"function","function":{"name","arguments"}}</c>.</summary>
public sealed class TrainingToolCall
{
    private Dictionary<string, JsonElement>? _extra;

    /// <summary>Initializes a new instance of the <see cref="TrainingToolCall"/> class.</summary>
    public TrainingToolCall()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingToolCall"/> class for a function call.</summary>
    /// <param name="id">The call id that the answering tool message repeats in <c>tool_call_id</c>.</param>
    /// <param name="functionName">The function name.</param>
    /// <param name="arguments">The arguments as a JSON string.</param>
    public TrainingToolCall(string id, string functionName, string arguments)
    {
        Id = id;
        Function = new TrainingFunctionCall(functionName, arguments);
    }

    /// <summary>Gets or sets the call id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the call type; <c>function</c> is the only type the platform trains on.</summary>
    public string Type { get; set; } = "function";

    /// <summary>Gets or sets the invoked function.</summary>
    public TrainingFunctionCall Function { get; set; } = new();

    /// <summary>Gets the keys the toolkit does not model; written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    internal static TrainingToolCall Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var call = new TrainingToolCall();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "id":
                    call.Id = ExampleJson.RequiredString(property.Value, path + ".id");
                    break;
                case "type":
                    call.Type = ExampleJson.RequiredString(property.Value, path + ".type");
                    break;
                case "function":
                    call.Function = TrainingFunctionCall.Parse(property.Value, path + ".function");
                    break;
                default:
                    ExampleJson.AddExtra(ref call._extra, property);
                    break;
            }
        }

        return call;
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("type", Type);
        writer.WritePropertyName("function");
        Function.WriteTo(writer);
        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }
}
