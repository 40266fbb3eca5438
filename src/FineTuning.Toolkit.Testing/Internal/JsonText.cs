using System.Text.Json;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal static class JsonText
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is absent or not a JSON string (never throws).</summary>
    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
