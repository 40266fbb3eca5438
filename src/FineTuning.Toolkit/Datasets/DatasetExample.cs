using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A training example (one JSONL line) of any format: <see cref="ChatExample"/>, <see cref="PreferenceExample"/>,
/// <see cref="ReinforcementExample"/> or <see cref="CompletionExample"/>. Keys the toolkit does not model are kept in
/// <see cref="AdditionalProperties"/> and written back, so a read → write round trip loses nothing.
/// </summary>
public abstract class DatasetExample
{
    private protected Dictionary<string, JsonElement>? _extra;

    /// <summary>Gets the format of this example.</summary>
    public abstract DatasetFormat Format { get; }

    /// <summary>Gets the top-level keys the format does not define; written back unchanged (for reinforcement examples these are the grader fields).</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    /// <summary>Writes the example as one platform JSON object (snake_case; absent values omitted, never written as null).</summary>
    /// <param name="writer">The writer.</param>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>Serializes the example as compact UTF-8 JSON (one JSONL line, without the newline).</summary>
    /// <returns>The UTF-8 bytes.</returns>
    public byte[] ToUtf8Json() => ExampleJson.ToUtf8(WriteTo);

    /// <summary>Serializes the example as compact JSON (one JSONL line, without the newline).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    /// <summary>Parses <paramref name="element"/> as an example of <paramref name="format"/> (auto-detected when <see cref="DatasetFormat.Unknown"/>).</summary>
    /// <param name="element">A JSON object.</param>
    /// <param name="format">The expected format, or <see cref="DatasetFormat.Unknown"/> to detect it.</param>
    /// <returns>The typed example.</returns>
    /// <exception cref="DatasetParseException">The value does not have the shape of the format; the exception carries the JSON path.</exception>
    public static DatasetExample Parse(JsonElement element, DatasetFormat format = DatasetFormat.Unknown)
    {
        if (format == DatasetFormat.Unknown)
        {
            format = DatasetFormatDetector.Detect(element);
        }

        return format switch
        {
            DatasetFormat.Chat => ChatExample.Parse(element),
            DatasetFormat.Preference => PreferenceExample.Parse(element),
            DatasetFormat.Reinforcement => ReinforcementExample.Parse(element),
            DatasetFormat.Completion => CompletionExample.Parse(element),
            _ => throw ExampleJson.Fail("$", element.ValueKind == JsonValueKind.Object
                ? "the object matches no training format (expected messages, input/preferred_output/non_preferred_output, or prompt/completion)."
                : $"expected an object, found {ExampleJson.Kind(element)}."),
        };
    }

    /// <summary>Parses one JSON text as an example.</summary>
    /// <param name="json">The JSON text of one example.</param>
    /// <param name="format">The expected format, or <see cref="DatasetFormat.Unknown"/> to detect it.</param>
    /// <returns>The typed example.</returns>
    /// <exception cref="DatasetParseException">The text is not JSON or does not have the shape of the format.</exception>
    public static DatasetExample Parse(string json, DatasetFormat format = DatasetFormat.Unknown)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, format);
        }
        catch (JsonException ex)
        {
            throw new DatasetParseException("$", "not valid JSON: " + ex.Message, 0);
        }
    }

    /// <summary>Tries to parse <paramref name="element"/> as an example.</summary>
    /// <param name="element">A JSON value.</param>
    /// <param name="format">The expected format, or <see cref="DatasetFormat.Unknown"/> to detect it.</param>
    /// <param name="example">The example, when parsing succeeds.</param>
    /// <param name="error">The problem (with its JSON path), when parsing fails.</param>
    /// <returns><see langword="true"/> when parsing succeeded.</returns>
    public static bool TryParse(JsonElement element, DatasetFormat format, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatasetExample? example, out DatasetParseException? error)
    {
        try
        {
            example = Parse(element, format);
            error = null;
            return true;
        }
        catch (DatasetParseException ex)
        {
            example = null;
            error = ex;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            example = null;
            error = new DatasetParseException("$", ex.Message, 0);
            return false;
        }
    }

    private protected void ReadExtra(JsonProperty property) => ExampleJson.AddExtra(ref _extra, property);

    private protected void WriteExtra(Utf8JsonWriter writer) => ExampleJson.WriteExtra(writer, _extra);

    private protected static List<TrainingTool>? ParseTools(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ExampleJson.Fail(path, $"tools must be an array, found {ExampleJson.Kind(value)}.");
        }

        var tools = new List<TrainingTool>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            tools.Add(TrainingTool.Parse(item, $"{path}[{i++}]"));
        }

        return tools;
    }

    private protected static void WriteTools(Utf8JsonWriter writer, IList<TrainingTool>? tools)
    {
        if (tools is null)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            tool.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
