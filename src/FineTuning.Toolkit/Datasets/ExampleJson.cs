using System.Text.Encodings.Web;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Helpers shared by the typed examples to read a <see cref="JsonElement"/> strictly (with JSON paths) and write platform JSON.</summary>
internal static class ExampleJson
{
    /// <summary>Writer options: compact, UTF-8 kept readable (no \uXXXX for non-ASCII or &lt;|), as the platform's own examples are.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = false };

    public static DatasetParseException Fail(string path, string reason) => new(path, reason, 0);

    public static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"expected an object, found {Kind(element)}.");
        }
    }

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static string? OptionalString(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw Fail(path, $"expected a string, found {Kind(value)}."),
    };

    public static string RequiredString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Fail(path, $"expected a string, found {Kind(value)}.");

    public static bool? OptionalBool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw Fail(path, $"expected a boolean, found {Kind(value)}."),
    };

    public static void AddExtra(ref Dictionary<string, JsonElement>? extra, JsonProperty property) =>
        (extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value.Clone();

    public static void WriteExtra(Utf8JsonWriter writer, Dictionary<string, JsonElement>? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (name, value) in extra)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    public static void WriteStringIfNotNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static byte[] ToUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
