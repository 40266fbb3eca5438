using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Fills a grader template: <c>{{sample.output_text}}</c>, <c>{{sample.output_json.path}}</c> and <c>{{item.path}}</c> (dotted paths, array indexes as numbers).</summary>
internal static partial class GraderTemplate
{
    /// <summary>Renders <paramref name="template"/> for <paramref name="sample"/>.</summary>
    /// <exception cref="FormatException">A placeholder names a field the sample does not have.</exception>
    public static string Render(string template, GraderSample sample) => Placeholder().Replace(template, match =>
    {
        var path = match.Groups["path"].Value.Split('.');
        return path[0] switch
        {
            "sample" when path.Length == 2 && path[1] == "output_text" => sample.OutputText,
            "sample" when path.Length >= 2 && path[1] == "output_json" => Navigate(ParseOutput(sample.OutputText), path[2..], match.Value),
            "item" => Navigate(sample.Item, path[1..], match.Value),
            _ => throw new FormatException($"{match.Value}: unknown placeholder (use {{{{sample.output_text}}}}, {{{{sample.output_json.*}}}} or {{{{item.*}}}})."),
        };
    });

    private static JsonElement ParseOutput(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new FormatException("{{sample.output_json}}: the answer is not JSON.");
        }
    }

    private static string Navigate(JsonElement value, string[] path, string placeholder)
    {
        foreach (var segment in path)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                throw new FormatException($"{placeholder}: the sample has no '{segment}'.");
            }
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    [GeneratedRegex(@"\{\{\s*(?<path>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
