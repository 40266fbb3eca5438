using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>Applies a <see cref="SensitiveDataScanner"/> to every string value of a JSON document (scan with JSON paths, or redact into new JSON).</summary>
internal static class JsonSensitiveData
{
    /// <summary>Scans every string value in <paramref name="element"/> and yields one finding per match.</summary>
    public static IEnumerable<SensitiveDataFinding> Scan(SensitiveDataScanner scanner, JsonElement element, long line)
    {
        var findings = new List<SensitiveDataFinding>();
        Walk(element, "$", (path, value) =>
        {
            var matches = scanner.Scan(value);
            foreach (var match in matches)
            {
                findings.Add(new SensitiveDataFinding(line, path, match.Kind, match.Detector, scanner.MaskExcerpt(value, match, matches)));
            }
        });
        return findings;
    }

    /// <summary>Writes <paramref name="element"/> to <paramref name="writer"/> with every match in its string values replaced by placeholders.</summary>
    /// <returns>How many values were replaced.</returns>
    public static int WriteRedacted(SensitiveDataScanner scanner, JsonElement element, Utf8JsonWriter writer)
    {
        var count = 0;
        WriteRedacted(scanner, element, writer, ref count);
        return count;
    }

    private static void WriteRedacted(SensitiveDataScanner scanner, JsonElement element, Utf8JsonWriter writer, ref int count)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteRedacted(scanner, property.Value, writer, ref count);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteRedacted(scanner, item, writer, ref count);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var value = element.GetString()!;
                var matches = scanner.Scan(value);
                count += matches.Count;
                writer.WriteStringValue(matches.Count == 0 ? value : SensitiveDataScanner.Redact(value, matches));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Calls <paramref name="visit"/> with the JSON path and value of every string in <paramref name="element"/>.</summary>
    public static void Walk(JsonElement element, string path, Action<string, string> visit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, AppendProperty(path, property.Name), visit);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", visit);
                }

                break;
            case JsonValueKind.String:
                visit(path, element.GetString()!);
                break;
        }
    }

    /// <summary>Appends a property to a JSON path: <c>$.name</c>, or <c>$['odd name']</c> when the name is not a plain identifier.</summary>
    public static string AppendProperty(string path, string name)
    {
        var plain = name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (plain)
        {
            return $"{path}.{name}";
        }

        var escaped = new StringBuilder(name.Length + 8).Append(path).Append("['");
        foreach (var c in name)
        {
            escaped.Append(c is '\'' or '\\' ? "\\" + c : c.ToString());
        }

        return escaped.Append("']").ToString();
    }
}
