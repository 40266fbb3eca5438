using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>One item of an example's <c>tools</c>: <c>{"type":"function","function":{name, description?, parameters?, strict?}}</c>.</summary>
public sealed class TrainingTool
{
    private Dictionary<string, JsonElement>? _extra;

    /// <summary>Initializes a new instance of the <see cref="TrainingTool"/> class.</summary>
    public TrainingTool()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingTool"/> class for a function tool.</summary>
    /// <param name="function">The function definition.</param>
    public TrainingTool(TrainingFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>Gets or sets the tool type (<c>function</c>).</summary>
    public string Type { get; set; } = "function";

    /// <summary>Gets or sets the function definition.</summary>
    public TrainingFunction Function { get; set; } = new();

    /// <summary>Gets the keys the toolkit does not model; written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    internal static TrainingTool Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var tool = new TrainingTool();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    tool.Type = ExampleJson.RequiredString(property.Value, path + ".type");
                    break;
                case "function":
                    tool.Function = TrainingFunction.Parse(property.Value, path + ".function");
                    break;
                default:
                    ExampleJson.AddExtra(ref tool._extra, property);
                    break;
            }
        }

        return tool;
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WritePropertyName("function");
        Function.WriteTo(writer);
        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }
}
