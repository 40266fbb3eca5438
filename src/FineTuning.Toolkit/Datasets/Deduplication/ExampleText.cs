using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// Extracts comparable text from one example of any training format (chat, preference, reinforcement, legacy) or an eval-set
/// item (<c>{"input": [messages], "reference"}</c>). The line is read through the typed model (<see cref="DatasetExample"/>,
/// <see cref="TrainingMessage"/>); a line that is not a valid example of any shape is compared by its raw JSON.
/// </summary>
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
        if (DatasetExample.TryParse(example, DatasetFormat.Unknown, out var typed, out _))
        {
            switch (typed)
            {
                case ChatExample chat:
                    AppendMessages(builder, chat.Messages, userOnly: false);
                    AppendExtraString(builder, chat, "reference");
                    break;
                case PreferenceExample preference:
                    AppendMessages(builder, preference.Input.Messages, userOnly: false);
                    AppendMessages(builder, preference.PreferredOutput, userOnly: false);
                    break;
                case ReinforcementExample reinforcement:
                    AppendMessages(builder, reinforcement.Messages, userOnly: false);
                    AppendExtraString(builder, reinforcement, "reference");
                    break;
                case CompletionExample completion:
                    builder.Append("prompt: ").Append(completion.Prompt).Append('\n');
                    builder.Append("completion: ").Append(completion.Completion).Append('\n');
                    AppendExtraString(builder, completion, "reference");
                    break;
            }

            return builder.Length > 0 ? builder.ToString() : example.GetRawText();
        }

        if (TryEvalItem(example, out var input, out var reference))
        {
            AppendMessages(builder, input, userOnly: false);
            if (reference is not null)
            {
                builder.Append("reference: ").Append(reference).Append('\n');
            }

            return builder.ToString();
        }

        return example.GetRawText();
    }

    /// <summary>The user side only: the text of every user message, or the legacy prompt. Used for leakage checks.</summary>
    public static string Prompt(JsonElement example)
    {
        if (example.ValueKind != JsonValueKind.Object)
        {
            return example.GetRawText();
        }

        var builder = new StringBuilder();
        var found = false;
        if (DatasetExample.TryParse(example, DatasetFormat.Unknown, out var typed, out _))
        {
            switch (typed)
            {
                case ChatExample chat:
                    found = AppendMessages(builder, chat.Messages, userOnly: true);
                    break;
                case PreferenceExample preference:
                    found = AppendMessages(builder, preference.Input.Messages, userOnly: true);
                    break;
                case ReinforcementExample reinforcement:
                    found = AppendMessages(builder, reinforcement.Messages, userOnly: true);
                    break;
                case CompletionExample completion:
                    builder.Append(completion.Prompt);
                    found = true;
                    break;
            }
        }
        else if (TryEvalItem(example, out var input, out _))
        {
            found = AppendMessages(builder, input, userOnly: true);
        }

        return found ? builder.ToString() : Conversation(example);
    }

    /// <summary>The text of a message content: the string, or the text parts of an array each followed by a space (other parts as their JSON).</summary>
    public static void AppendContent(StringBuilder builder, TrainingContent? content)
    {
        if (content is null)
        {
            return;
        }

        if (content.Text is { } text)
        {
            builder.Append(text);
            return;
        }

        foreach (var part in content.Parts!)
        {
            if (part.Text is { } partText)
            {
                builder.Append(partText).Append(' ');
            }
            else
            {
                builder.Append(Encoding.UTF8.GetString(ExampleJson.ToUtf8(part.WriteTo))).Append(' ');
            }
        }
    }

    /// <summary>An eval-set item: an <c>input</c> array of messages and an optional string <c>reference</c>.</summary>
    private static bool TryEvalItem(JsonElement example, out List<TrainingMessage> input, out string? reference)
    {
        input = [];
        reference = null;
        if (!example.TryGetProperty("input", out var inputElement) || inputElement.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        try
        {
            input = TrainingMessage.ParseList(inputElement, "$.input");
        }
        catch (DatasetParseException)
        {
            return false;
        }

        if (example.TryGetProperty("reference", out var referenceElement) && referenceElement.ValueKind == JsonValueKind.String)
        {
            reference = referenceElement.GetString();
        }

        return true;
    }

    private static bool AppendMessages(StringBuilder builder, IList<TrainingMessage> messages, bool userOnly)
    {
        var any = false;
        foreach (var message in messages)
        {
            if (userOnly && message.Role != TrainingRole.User)
            {
                continue;
            }

            if (!userOnly)
            {
                builder.Append(message.Role.Value).Append(": ");
            }

            AppendContent(builder, message.Content);
            if (!userOnly && message.ToolCalls is { } calls)
            {
                builder.Append(' ').Append(Encoding.UTF8.GetString(ExampleJson.ToUtf8(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var call in calls)
                    {
                        call.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                })));
            }

            builder.Append('\n');
            any = true;
        }

        return any;
    }

    private static void AppendExtraString(StringBuilder builder, DatasetExample example, string name)
    {
        if (example.AdditionalProperties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            builder.Append(name).Append(": ").Append(value.GetString()).Append('\n');
        }
    }
}
