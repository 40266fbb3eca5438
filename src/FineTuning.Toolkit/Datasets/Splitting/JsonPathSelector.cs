using System.Globalization;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>
/// Selects one value from a JSON example with a small JSON path: <c>$.metadata.label</c>, <c>messages[-1].content</c>
/// (negative indices count from the end), <c>$['odd key']</c>. A bare name (<c>label</c>) is looked up at the top level,
/// then under <c>metadata</c>.
/// </summary>
internal sealed class JsonPathSelector
{
    private readonly object[] _steps; // string (property) or int (index)
    private readonly bool _bareName;

    private JsonPathSelector(object[] steps, bool bareName)
    {
        _steps = steps;
        _bareName = bareName;
    }

    public string Path { get; private init; } = "$";

    /// <summary>Parses <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The path is not a supported JSON path.</exception>
    public static JsonPathSelector Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = path.Trim();
        var steps = new List<object>();
        var i = 0;
        if (text.StartsWith('$'))
        {
            i = 1;
        }

        var bare = !text.StartsWith('$') && text.IndexOfAny(['.', '[']) < 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                continue;
            }

            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"Unclosed '[' in JSON path '{path}'.");
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && (inner[0] is '\'' or '"') && inner[^1] == inner[0])
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    throw new FormatException($"'[{inner}]' in JSON path '{path}' is neither an index nor a quoted name.");
                }

                i = close + 1;
                continue;
            }

            var end = text.IndexOfAny(['.', '['], i);
            if (end < 0)
            {
                end = text.Length;
            }

            steps.Add(text[i..end]);
            i = end;
        }

        if (steps.Count == 0)
        {
            throw new FormatException($"JSON path '{path}' selects nothing.");
        }

        return new JsonPathSelector([.. steps], bare) { Path = path };
    }

    /// <summary>Selects the value, or returns <see langword="false"/> when the path does not exist in <paramref name="root"/>.</summary>
    public bool TrySelect(JsonElement root, out JsonElement value)
    {
        if (TryWalk(root, _steps, out value))
        {
            return true;
        }

        return _bareName && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metadata", out var metadata)
            && TryWalk(metadata, _steps, out value);
    }

    /// <summary>The value as a stratum key: strings as they are, other values as their JSON text.</summary>
    public string? SelectKey(JsonElement root) =>
        TrySelect(root, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            }
            : null;

    private static bool TryWalk(JsonElement current, object[] steps, out JsonElement value)
    {
        foreach (var step in steps)
        {
            if (step is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    value = default;
                    return false;
                }
            }
            else
            {
                var index = (int)step;
                if (current.ValueKind != JsonValueKind.Array)
                {
                    value = default;
                    return false;
                }

                var length = current.GetArrayLength();
                if (index < 0)
                {
                    index += length;
                }

                if (index < 0 || index >= length)
                {
                    value = default;
                    return false;
                }

                current = current[index];
            }
        }

        value = current;
        return true;
    }
}
