using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>What the emulated service learns from a training or validation file.</summary>
internal sealed class TrainingFileReport
{
    public string? ErrorMessage { get; init; }

    public int ExampleCount { get; init; }

    public long BillableTokens { get; init; }

    public Dictionary<string, string> Answers { get; init; } = [];
}

/// <summary>Server-side validation of a fine-tuning file, line by line.</summary>
internal static class TrainingFileInspector
{
    private const int MaxTokensPerExample = 65536;
    private static readonly HashSet<string> SupervisedRoles = ["system", "user", "assistant", "tool", "function"];
    private static readonly HashSet<string> ReinforcementRoles = ["developer", "user", "assistant", "tool"];

    public static TrainingFileReport Inspect(byte[] content, string method, string model)
    {
        // The toolkit's own validator decides first, as the live service's validation would: the job fails at the
        // first line-level error, naming the line, the rule and the JSON path.
        if (FirstLineError(content, method) is { } error)
        {
            return Fail($"Invalid file format. Line {error.Line}: {error.Message} ({error.Code} at {error.Path})");
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        long billable = 0;
        var count = 0;
        var lineNumber = 0;
        using var reader = new StreamReader(new MemoryStream(content, writable: false), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            count++;
            JsonObject? example;
            try
            {
                example = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                example = null;
            }

            if (example is null)
            {
                return Fail($"Invalid file format. Line {lineNumber} is not a JSON object.");
            }

            string? prompt, reply, problem;
            string text;
            if (method == "dpo")
            {
                problem = CheckPreference(example, out prompt, out reply, out text);
            }
            else if (method == "reinforcement")
            {
                problem = CheckMessages(example["messages"], ReinforcementRoles, requireAssistant: false, out prompt, out reply, out text);
            }
            else
            {
                problem = CheckMessages(example["messages"], SupervisedRoles, requireAssistant: true, out prompt, out reply, out text);
            }

            if (problem is not null)
            {
                return Fail($"Invalid file format. Example {count} (line {lineNumber}) {problem}");
            }

            if (TokenEstimator.EncodingFor(model).TryFindSpecialToken(text, out _, out var special))
            {
                return Fail($"Invalid file format. Example {count} message contains an invalid token: {special}");
            }

            if (method == "reinforcement" && example["reference_answer"] is JsonValue reference)
            {
                reply = reference.ToString();
            }

            if (prompt is not null && reply is not null)
            {
                answers.TryAdd(PromptKey.Normalize(prompt), reply);
            }

            billable += Math.Min(MaxTokensPerExample, TokenEstimator.Count(model, text) + (3 * CountMessages(example)) + 3);
        }

        if (count < 10)
        {
            return Fail(string.Format(System.Globalization.CultureInfo.InvariantCulture, EmulatorConstants.MinimumExamplesMessage, count), count);
        }

        return new TrainingFileReport { ExampleCount = count, BillableTokens = billable, Answers = answers };

        static TrainingFileReport Fail(string message, int count = 0) => new() { ErrorMessage = message, ExampleCount = count };
    }

    private static DatasetDiagnostic? FirstLineError(byte[] content, string method)
    {
        var options = new DatasetValidationOptions
        {
            Format = method switch { "dpo" => DatasetFormat.Preference, "reinforcement" => DatasetFormat.Reinforcement, _ => DatasetFormat.Chat },
            DetectDuplicates = false,
            MaxErrors = 1,
        };
        using var stream = new MemoryStream(content, writable: false);
        // A MemoryStream completes synchronously; the store calls this under its lock.
        var report = DatasetValidator.ValidateAsync(stream, options).GetAwaiter().GetResult();
        return report.Errors.FirstOrDefault(d => d.Line > 0);
    }

    private static int CountMessages(JsonObject example) =>
        (example["messages"] as JsonArray ?? (example["input"] as JsonObject)?["messages"] as JsonArray)?.Count ?? 1;

    private static string? CheckPreference(JsonObject example, out string? prompt, out string? reply, out string text)
    {
        prompt = null;
        reply = null;
        text = string.Empty;
        if (example["input"] is not JsonObject input)
        {
            return "is missing 'input'.";
        }

        var problem = CheckMessages(input["messages"], SupervisedRoles, requireAssistant: false, out prompt, out _, out text);
        if (problem is not null)
        {
            return problem;
        }

        foreach (var key in new[] { "preferred_output", "non_preferred_output" })
        {
            if (example[key] is not JsonArray { Count: 1 } output || output[0] is not JsonObject message || JsonText.Str(message["role"]) != "assistant")
            {
                return $"must have '{key}' with exactly one assistant message.";
            }

            var content = PromptKey.ContentText(message["content"]);
            text += content;
            if (key == "preferred_output")
            {
                reply = content;
            }
        }

        return null;
    }

    private static string? CheckMessages(JsonNode? node, HashSet<string> roles, bool requireAssistant, out string? prompt, out string? reply, out string text)
    {
        prompt = null;
        reply = null;
        var builder = new StringBuilder();
        text = string.Empty;
        if (node is not JsonArray { Count: > 0 } messages)
        {
            return "is missing 'messages' (a non-empty array).";
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                return $"message {i + 1} is not an object.";
            }

            var role = message["role"] is JsonValue r && r.TryGetValue(out string? s) ? s : null;
            if (role is null || !roles.Contains(role))
            {
                return $"message {i + 1} has an unrecognized role '{role}'.";
            }

            var content = PromptKey.ContentText(message["content"]);
            if (role != "assistant" && message["content"] is null)
            {
                return $"message {i + 1} is missing 'content'.";
            }

            if (message["weight"] is JsonNode weight && (role != "assistant" || weight.GetValueKind() != JsonValueKind.Number || (double)weight is not (0 or 1)))
            {
                return $"message {i + 1} has an invalid 'weight' (only assistant messages, 0 or 1).";
            }

            builder.Append(content).Append('\n');
            if (role == "user")
            {
                prompt = content;
                reply = null;
            }
            else if (role == "assistant" && prompt is not null)
            {
                reply = content;
            }
        }

        text = builder.ToString();
        if (requireAssistant && !messages.Any(m => JsonText.Str(m?["role"]) == "assistant"))
        {
            return "has no assistant message.";
        }

        return null;
    }
}
