using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// Reads a grader from the JSON the platform defines (the <c>method.reinforcement.grader</c> object of a job):
/// <c>string_check</c>, <c>text_similarity</c>, <c>score_model</c>, <c>python</c>, <c>multi</c> (and <c>label_model</c>
/// inside a multi grader). The inverse of the JSON the typed graders write.
/// </summary>
internal static class GraderJson
{
    /// <summary>Reads one grader; a missing or wrong field is a <see cref="FormatException"/> naming its JSON path.</summary>
    public static Grader Read(JsonElement json, string path = "grader")
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}: expected a JSON object, got {json.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var type = Text(json, "type", path);
        var name = Optional(json, "name", path) ?? type;
        return type switch
        {
            "string_check" => new StringCheckGrader(name, Text(json, "input", path), Text(json, "reference", path), Text(json, "operation", path)),
            "text_similarity" => new TextSimilarityGrader(name, Text(json, "input", path), Text(json, "reference", path), Text(json, "evaluation_metric", path)),
            "python" => new PythonGrader(name, Text(json, "source", path), Optional(json, "image_tag", path)),
            "score_model" => ScoreModel(json, name, path),
            "label_model" => new LabelModelGrader(name, Text(json, "model", path), Messages(json, path), Strings(json, "labels", path), Strings(json, "passing_labels", path)),
            "multi" => Multi(json, name, path),
            _ => throw new FormatException($"{path}.type: unknown grader type '{type}' (expected string_check, text_similarity, score_model, python or multi)."),
        };
    }

    private static ScoreModelGrader ScoreModel(JsonElement json, string name, string path)
    {
        var grader = new ScoreModelGrader(name, Text(json, "model", path), Messages(json, path));
        if (json.TryGetProperty("range", out var range) && range.ValueKind != JsonValueKind.Null)
        {
            if (range.ValueKind != JsonValueKind.Array || range.GetArrayLength() != 2 || !range[0].TryGetDouble(out var min) || !range[1].TryGetDouble(out var max))
            {
                throw new FormatException($"{path}.range: expected [min, max].");
            }

            grader.Range = (min, max);
        }

        if (json.TryGetProperty("sampling_params", out var sampling) && sampling.ValueKind == JsonValueKind.Object
            && sampling.TryGetProperty("temperature", out var temperature) && temperature.TryGetDouble(out var t))
        {
            grader.Temperature = t;
        }

        return grader;
    }

    private static MultiGrader Multi(JsonElement json, string name, string path)
    {
        if (!json.TryGetProperty("graders", out var graders) || graders.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}.graders: expected an object of named graders.");
        }

        var children = new Dictionary<string, Grader>(StringComparer.Ordinal);
        foreach (var child in graders.EnumerateObject())
        {
            children[child.Name] = Read(child.Value, $"{path}.graders.{child.Name}");
        }

        return new MultiGrader(name, children, Text(json, "calculate_output", path));
    }

    private static List<GraderMessage> Messages(JsonElement json, string path)
    {
        if (!json.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{path}.input: expected an array of messages ({{\"role\", \"content\"}}).");
        }

        var messages = new List<GraderMessage>();
        var index = 0;
        foreach (var message in input.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.input[{index++}]");
            var content = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var c) ? c : default;
            var text = content.ValueKind switch
            {
                JsonValueKind.String => content.GetString()!,
                JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) ? t.GetString() : null)),
                _ => throw new FormatException($"{at}.content: expected text."),
            };
            messages.Add(new GraderMessage(Text(message, "role", at), text));
        }

        return messages;
    }

    private static List<string> Strings(JsonElement json, string name, string path) =>
        json.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"{path}.{name}: expected strings."))]
            : throw new FormatException($"{path}.{name}: expected an array of strings.");

    private static string Text(JsonElement json, string name, string path) =>
        Optional(json, name, path) ?? throw new FormatException($"{path}.{name}: required.");

    private static string? Optional(JsonElement json, string name, string path) =>
        !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"{path}.{name}: expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}.");
}
