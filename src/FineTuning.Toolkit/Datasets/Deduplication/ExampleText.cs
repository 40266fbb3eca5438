using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Extracts comparable text from one JSON example of any training format (chat, preference, reinforcement, legacy, eval set).</summary>
internal static class ExampleText
{
    /// <summary>The whole example: every message as <c>role: text</c> (tool calls included), or prompt and completion.</summary>
    public static string Conversation(JsonElement example)
    {
        if (example.ValueKind != JsonValueKind.Object)
        {
            return example.GetRawText();
        }

        var builder = new StringBuilder();
        var found = false;
        found |= AppendMessages(builder, example, "messages", userOnly: false);
        if (example.TryGetProperty("input", out var input))
        {
            found |= input.ValueKind == JsonValueKind.Array ? AppendMessageArray(builder, input, userOnly: false) : AppendMessages(builder, input, "messages", userOnly: false);
        }

        found |= AppendMessages(builder, example, "preferred_output", userOnly: false);
        found |= AppendString(builder, example, "prompt", "prompt");
        found |= AppendString(builder, example, "completion", "completion");
        found |= AppendString(builder, example, "reference", "reference");
        return found ? builder.ToString() : example.GetRawText();
    }

    /// <summary>The user side only: the text of every user message, or the legacy prompt. Used for leakage checks.</summary>
    public static string Prompt(JsonElement example)
    {
        if (example.ValueKind != JsonValueKind.Object)
        {
            return example.GetRawText();
        }

        var builder = new StringBuilder();
        var found = AppendMessages(builder, example, "messages", userOnly: true);
        if (example.TryGetProperty("input", out var input))
        {
            found |= input.ValueKind == JsonValueKind.Array ? AppendMessageArray(builder, input, userOnly: true) : AppendMessages(builder, input, "messages", userOnly: true);
        }

        if (example.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String)
        {
            builder.Append(prompt.GetString());
            found = true;
        }

        return found ? builder.ToString() : Conversation(example);
    }

    private static bool AppendMessages(StringBuilder builder, JsonElement owner, string property, bool userOnly) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(property, out var messages) && messages.ValueKind == JsonValueKind.Array
        && AppendMessageArray(builder, messages, userOnly);

    private static bool AppendMessageArray(StringBuilder builder, JsonElement messages, bool userOnly)
    {
        var any = false;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (userOnly && role != "user")
            {
                continue;
            }

            if (!userOnly)
            {
                builder.Append(role).Append(": ");
            }

            if (message.TryGetProperty("content", out var content))
            {
                AppendContent(builder, content);
            }

            if (!userOnly && message.TryGetProperty("tool_calls", out var calls))
            {
                builder.Append(' ').Append(calls.GetRawText());
            }

            builder.Append('\n');
            any = true;
        }

        return any;
    }

    /// <summary>The text of a message content: a string, or the text parts of an array (other parts by their raw JSON).</summary>
    public static void AppendContent(StringBuilder builder, JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(content.GetString());
                break;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        builder.Append(text.GetString()).Append(' ');
                    }
                    else
                    {
                        builder.Append(part.GetRawText()).Append(' ');
                    }
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                builder.Append(content.GetRawText());
                break;
        }
    }

    private static bool AppendString(StringBuilder builder, JsonElement owner, string property, string label)
    {
        if (owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
        {
            builder.Append(label).Append(": ").Append(value.GetString()).Append('\n');
            return true;
        }

        return false;
    }
}
