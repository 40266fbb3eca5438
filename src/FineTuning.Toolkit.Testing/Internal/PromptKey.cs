using System.Text;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Normalises prompts so a fine-tuned model recognises what it was trained on.</summary>
internal static class PromptKey
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The text of a message <c>content</c>: a string, or the text parts of an array.</summary>
    public static string ContentText(JsonNode? content) => content switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonArray parts => string.Join("\n", parts.Select(p => p is JsonObject o && o["text"] is JsonValue t && t.TryGetValue(out string? s) ? s : string.Empty).Where(s => s.Length > 0)),
        _ => content.ToJsonString(),
    };
}
