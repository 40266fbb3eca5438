using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A function definition: the <c>function</c> of a tool in <c>tools</c>, or an item of the deprecated <c>functions</c>.</summary>
public sealed class TrainingFunction
{
    private Dictionary<string, JsonElement>? _extra;

    /// <summary>Gets or sets the function name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the description (may be dropped to save tokens).</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON Schema of the parameters, or <see langword="null"/>.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Gets or sets the <c>strict</c> flag, or <see langword="null"/>.</summary>
    public bool? Strict { get; set; }

    /// <summary>Gets the keys the toolkit does not model; written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    /// <summary>Creates a definition whose parameters are the JSON Schema in <paramref name="parametersJsonSchema"/>.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">The description, or <see langword="null"/>.</param>
    /// <param name="parametersJsonSchema">A JSON Schema object as text, or <see langword="null"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="JsonException"><paramref name="parametersJsonSchema"/> is not valid JSON.</exception>
    public static TrainingFunction Create(string name, string? description = null, string? parametersJsonSchema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        JsonElement? parameters = null;
        if (parametersJsonSchema is not null)
        {
            using var document = JsonDocument.Parse(parametersJsonSchema);
            parameters = document.RootElement.Clone();
        }

        return new TrainingFunction { Name = name, Description = description, Parameters = parameters };
    }

    internal static TrainingFunction Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var function = new TrainingFunction();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    function.Name = ExampleJson.RequiredString(property.Value, path + ".name");
                    break;
                case "description":
                    function.Description = ExampleJson.OptionalString(property.Value, path + ".description");
                    break;
                case "parameters":
                    function.Parameters = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.Clone();
                    break;
                case "strict":
                    function.Strict = ExampleJson.OptionalBool(property.Value, path + ".strict");
                    break;
                default:
                    ExampleJson.AddExtra(ref function._extra, property);
                    break;
            }
        }

        return function;
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        ExampleJson.WriteStringIfNotNull(writer, "description", Description);
        if (Parameters is { } parameters)
        {
            writer.WritePropertyName("parameters");
            parameters.WriteTo(writer);
        }

        if (Strict is { } strict)
        {
            writer.WriteBoolean("strict", strict);
        }

        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }
}
