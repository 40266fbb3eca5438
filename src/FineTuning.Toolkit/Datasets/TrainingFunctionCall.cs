using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A function invocation: the <c>function</c> of a tool call, or the deprecated assistant <c>function_call</c>.</summary>
public sealed class TrainingFunctionCall
{
    private Dictionary<string, JsonElement>? _extra;

    /// <summary>Initializes a new instance of the <see cref="TrainingFunctionCall"/> class.</summary>
    public TrainingFunctionCall()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingFunctionCall"/> class.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments, as a JSON string (e.g. <c>{"city":"Paris"}</c>).</param>
    public TrainingFunctionCall(string name, string arguments)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>Gets or sets the function name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments: a string holding JSON, as the platform requires.</summary>
    public string Arguments { get; set; } = "{}";

    /// <summary>Gets the keys the toolkit does not model; written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    internal static TrainingFunctionCall Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var call = new TrainingFunctionCall();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    call.Name = ExampleJson.RequiredString(property.Value, path + ".name");
                    break;
                case "arguments":
                    call.Arguments = ExampleJson.RequiredString(property.Value, path + ".arguments");
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
        writer.WriteString("name", Name);
        writer.WriteString("arguments", Arguments);
        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }
}
