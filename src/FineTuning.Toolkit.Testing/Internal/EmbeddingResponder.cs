using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Deterministic embeddings: a hashed bag of words, L2-normalised, so texts sharing words are similar.</summary>
internal static class EmbeddingResponder
{
    public static JsonObject Embed(EmulatorStore store, JsonObject body)
    {
        var model = EmulatorStore.RequireString(body, "model");
        if (!EmulatorModels.Embeddings.TryGetValue(model, out var dimensions))
        {
            throw EmulatorStore.ModelNotFound(model);
        }

        if (body["dimensions"] is JsonValue d && d.GetValueKind() == JsonValueKind.Number)
        {
            var requested = d.GetValue<int>();
            if (model == "text-embedding-ada-002" || requested < 1 || requested > dimensions)
            {
                throw ApiError.BadRequest($"Invalid value for 'dimensions': {model} supports 1 to {dimensions}" + (model == "text-embedding-ada-002" ? " and no override." : "."), "dimensions", "invalid_value");
            }

            dimensions = requested;
        }

        var format = EmulatorStore.OptionalString(body, "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw ApiError.BadRequest($"Invalid value for 'encoding_format': '{format}'. Supported values are: 'float' and 'base64'.", "encoding_format", "invalid_value");
        }

        var inputs = Inputs(body["input"]);
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            tokens += TokenEstimator.Count(model, inputs[i]);
            var vector = Vector(inputs[i], dimensions);
            JsonNode embedding = format == "base64" ? JsonValue.Create(ToBase64(vector)) : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            data.Add((JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        _ = store;
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
    }

    public static int EstimateTokens(JsonObject body)
    {
        try
        {
            return Inputs(body["input"]).Sum(text => TokenEstimator.Count(JsonText.Str(body["model"]) ?? string.Empty, text));
        }
        catch (ApiError)
        {
            return 0;
        }
    }

    private static List<string> Inputs(JsonNode? input)
    {
        switch (input)
        {
            case JsonValue v when v.TryGetValue(out string? s):
                return [s];
            case JsonArray { Count: > 0 } array when array.All(n => n is JsonValue nv && nv.GetValueKind() == JsonValueKind.String):
                return [.. array.Select(n => (string)n!)];
            case JsonArray { Count: > 0 } array when array.All(n => n is JsonValue nv && nv.GetValueKind() == JsonValueKind.Number):
                return [string.Join(' ', array.Select(n => n!.ToJsonString()))];
            case JsonArray { Count: > 0 } array when array.All(n => n is JsonArray):
                return [.. array.Select(n => string.Join(' ', ((JsonArray)n!).Select(t => t!.ToJsonString())))];
            default:
                throw ApiError.BadRequest("'input' must be a non-empty string, array of strings, or array of token arrays.", "input", "invalid_value");
        }
    }

    internal static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var words = Words(text);
        foreach (var word in words)
        {
            var hash = StableHash.Of("emb", word);
            var index = (int)(hash % (ulong)dimensions);
            vector[index] += (hash & (1UL << 63)) == 0 ? 1f : -1f;
        }

        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm == 0)
        {
            vector[0] = 1f;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * 4];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
