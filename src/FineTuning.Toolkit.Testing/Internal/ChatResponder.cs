using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Deterministic chat answers: trained replies for fine-tuned models, seeded canned replies otherwise.</summary>
internal static partial class ChatResponder
{
    private static readonly string[] Openers =
    [
        "Here is a concise answer:",
        "Sure.",
        "In short:",
        "Based on the information given:",
        "Certainly.",
    ];

    private static readonly string[] Bodies =
    [
        "the request has been considered and the most likely answer is provided below.",
        "this depends on the details, but the usual approach is to start small and measure.",
        "the key points are clarity, accuracy and keeping the answer short.",
        "the answer follows from the context you supplied.",
        "there are several possibilities; the simplest one is usually right.",
    ];

    public static JsonObject Complete(EmulatorStore store, JsonObject body, out int totalTokens)
    {
        var requested = EmulatorStore.RequireString(body, "model");
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw ApiError.BadRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }

        var model = store.LookupChatModel(requested);
        var n = ReadInt(body, "n", 1, 1, 128);
        var temperature = ReadDouble(body, "temperature", 1.0, 0, 2);
        var seed = body["seed"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number ? s.ToJsonString() : null;
        var logprobs = body["logprobs"] is JsonValue lp && lp.GetValueKind() == JsonValueKind.True;
        var topLogprobs = ReadInt(body, "top_logprobs", 0, 0, 20);
        if (topLogprobs > 0 && !logprobs)
        {
            throw ApiError.BadRequest("Invalid value for 'top_logprobs': 'logprobs' must be true when 'top_logprobs' is set.", "top_logprobs", "invalid_value");
        }

        var maxTokens = ReadMaxTokens(body);
        var stream = body["stream"] is JsonValue st && st.GetValueKind() == JsonValueKind.True;
        if (!stream && body["stream_options"] is JsonObject)
        {
            throw ApiError.BadRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", "invalid_value");
        }

        var flat = new List<(string Role, string Content)>();
        string lastUser = string.Empty;
        foreach (var node in messages)
        {
            var role = JsonText.Str(node?["role"]) ?? "user";
            var content = PromptKey.ContentText(node?["content"]);
            flat.Add((role, content));
            if (role == "user")
            {
                lastUser = content;
            }
        }

        var promptTokens = TokenEstimator.CountMessages(model.BaseModel, flat);
        var choices = new JsonArray();
        var completionTokens = 0;
        // Temperature 0: one stable answer. Above 0: each sample is a new draw, reproducible from the emulator's seed
        // (or the request's seed, which makes the same request answer the same way).
        var firstDraw = temperature > 0 && seed is null ? store.NextDraws(model.Id, PromptKey.Normalize(lastUser), n) : 0;
        for (var i = 0; i < n; i++)
        {
            var variant = temperature > 0 ? firstDraw + i : 0;
            var text = Answer(store.Options.Seed, model, lastUser, seed, variant, temperature);
            var finish = "stop";
            var tokens = TokenEstimator.Split(model.BaseModel, text);
            if (maxTokens is { } max && tokens.Count > max)
            {
                tokens = tokens.Take(Math.Max(0, max)).ToList();
                text = string.Concat(tokens);
                finish = "length";
            }

            completionTokens += TokenEstimator.Count(model.BaseModel, text);
            choices.Add((JsonNode)new JsonObject
            {
                ["index"] = i,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = text,
                    ["refusal"] = null,
                    ["annotations"] = new JsonArray(),
                },
                ["logprobs"] = logprobs ? LogProbs(tokens, topLogprobs, model.Id, lastUser) : null,
                ["finish_reason"] = finish,
            });
        }

        totalTokens = promptTokens + completionTokens;
        return new JsonObject
        {
            ["id"] = store.Ids.Next("chatcmpl-", 29),
            ["object"] = "chat.completion",
            ["created"] = store.Clock.UnixNow,
            ["model"] = model.Id,
            ["choices"] = choices,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
            },
            ["service_tier"] = "default",
            ["system_fingerprint"] = "fp_emulator",
        };
    }

    /// <summary>Estimates the tokens a request will consume, for rate limiting (prompt plus max tokens, as the platform does).</summary>
    public static int EstimateRequestTokens(JsonObject body)
    {
        var text = new StringBuilder();
        if (body["messages"] is JsonArray messages)
        {
            foreach (var m in messages)
            {
                text.Append(PromptKey.ContentText(m?["content"])).Append('\n');
            }
        }

        var max = ReadMaxTokens(body) ?? 16;
        return (int)Math.Min(int.MaxValue, (long)TokenEstimator.Count(JsonText.Str(body["model"]) ?? string.Empty, text.ToString()) + max);
    }

    /// <summary>The <c>max_completion_tokens</c> (or legacy <c>max_tokens</c>) of a request: a positive integer, or null.</summary>
    internal static int? ReadMaxTokens(JsonObject body)
    {
        var name = body["max_completion_tokens"] is { } node && node.GetValueKind() != JsonValueKind.Null ? "max_completion_tokens" : "max_tokens";
        var value = ReadInt(body, name, -1, 1, int.MaxValue);
        return value < 0 ? null : value;
    }

    internal static string Answer(int emulatorSeed, StoredModel model, string lastUser, string? seed, long variant, double temperature = 0)
    {
        var key = PromptKey.Normalize(lastUser);
        var seedText = emulatorSeed.ToString(CultureInfo.InvariantCulture);
        var variantText = variant.ToString(CultureInfo.InvariantCulture);

        // A fine-tuned model gives its trained reply to a training prompt (memorised) and the nearest trained reply to
        // other prompts, except: a checkpoint part-way through training knows only the share of prompts it has learnt
        // so far, and sampling (temperature > 0) sometimes strays from the nearest reply on prompts it was not trained on.
        var learnt = model.TrainedFraction >= 1.0 || StableHash.Unit(seedText, model.Id, key, "learnt") < model.TrainedFraction;
        if (learnt && model.TrainedAnswers.TryGetValue(key, out var trained))
        {
            return trained;
        }

        var strays = temperature > 0 && StableHash.Unit(seedText, model.Id, key, seed, variantText, "stray") < 0.1 * temperature;
        if (learnt && !strays && model.IsFineTuned && model.TrainedAnswers.Count > 0 && model.AnswerIndex.Nearest(key) is { } nearest)
        {
            return nearest;
        }

        var hash = StableHash.Of(seedText, model.BaseModel, key, seed, variantText);
        var options = ExtractOptions(lastUser);
        if (options.Count > 0)
        {
            return options[(int)(hash % (ulong)options.Count)];
        }

        var opener = Openers[(int)(hash % (ulong)Openers.Length)];
        var body = Bodies[(int)((hash >> 16) % (ulong)Bodies.Length)];
        return $"{opener} Regarding \"{Shorten(lastUser)}\": {body}";
    }

    private static string Shorten(string text)
    {
        var single = PromptKey.Normalize(text);
        return single.Length <= 60 ? single : single[..57] + "...";
    }

    /// <summary>Finds the answer options of a classification prompt ("Options: a, b, c", "one of: x | y", or a bulleted list).</summary>
    internal static List<string> ExtractOptions(string prompt)
    {
        var match = OptionsPattern().Match(prompt);
        if (match.Success)
        {
            var list = match.Groups["list"].Value
                .Split([',', '|', '/', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(o => o.Trim('"', '\'', '.', '[', ']', '(', ')', ' ').Trim())
                .Select(o => o.StartsWith("or ", StringComparison.OrdinalIgnoreCase) ? o[3..].Trim() : o)
                .Where(o => o.Length is > 0 and <= 40)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (list.Count >= 2)
            {
                return list;
            }
        }

        var bullets = prompt.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal) || l.StartsWith("* ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .Where(l => l.Length is > 0 and <= 40)
            .ToList();
        return bullets.Count >= 2 ? bullets : [];
    }

    [GeneratedRegex(@"(?:options|labels|categories|choices|one of|choose from|classify as|answer with)\s*(?:are|is)?\s*[:\-]?\s*(?<list>[^\n?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex OptionsPattern();

    /// <summary>Splits text into word-like pieces (used by the nearest-prompt index).</summary>
    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if ((char.IsWhiteSpace(c) || char.IsPunctuation(c)) && current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static JsonObject LogProbs(List<string> tokens, int top, string model, string prompt)
    {
        var content = new JsonArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var logprob = -StableHash.Unit(model, prompt, i.ToString(CultureInfo.InvariantCulture)) * 0.5;
            var alternatives = new JsonArray();
            if (top > 0)
            {
                alternatives.Add((JsonNode)Entry(token, logprob));
                for (var k = 1; k < top; k++)
                {
                    alternatives.Add((JsonNode)Entry($"{token}_{k}", logprob - k - 0.5));
                }
            }

            var entry = Entry(token, logprob);
            entry["top_logprobs"] = alternatives;
            content.Add((JsonNode)entry);
        }

        return new JsonObject { ["content"] = content, ["refusal"] = null };

        static JsonObject Entry(string token, double logprob) => new()
        {
            ["token"] = token,
            ["logprob"] = Math.Round(logprob, 6),
            ["bytes"] = new JsonArray([.. Encoding.UTF8.GetBytes(token).Select(b => (JsonNode)JsonValue.Create((int)b))]),
        };
    }

    internal static int ReadInt(JsonObject body, string name, int fallback, int min, int max)
    {
        var node = body[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !int.TryParse(node.ToJsonString(), out var value) || value < min || value > max)
        {
            throw ApiError.BadRequest($"Invalid value for '{name}': expected an integer between {min} and {max}.", name, "invalid_value");
        }

        return value;
    }

    private static double ReadDouble(JsonObject body, string name, double fallback, double min, double max)
    {
        var node = body[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiError.BadRequest($"Invalid value for '{name}': expected a number between {min} and {max}.", name, "invalid_value");
        }

        return value;
    }
}
