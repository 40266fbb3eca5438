using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Detects the training format of one JSON line.</summary>
public static class DatasetFormatDetector
{
    /// <summary>Detects the format of <paramref name="element"/>.</summary>
    /// <param name="element">A JSON value (one line).</param>
    /// <returns>
    /// <see cref="DatasetFormat.Preference"/> when it has <c>input</c>/<c>preferred_output</c>/<c>non_preferred_output</c>;
    /// <see cref="DatasetFormat.Reinforcement"/> when it has <c>messages</c> and a <c>developer</c> message, a top-level key
    /// outside the chat schema (a grader field) or no assistant message; <see cref="DatasetFormat.Chat"/> for other <c>messages</c>
    /// lines; <see cref="DatasetFormat.Completion"/> for <c>prompt</c>/<c>completion</c>; otherwise <see cref="DatasetFormat.Unknown"/>.
    /// </returns>
    public static DatasetFormat Detect(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return DatasetFormat.Unknown;
        }

        bool messages = false, preference = false, completion = false, extraKey = false;
        JsonElement messageArray = default;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    messages = true;
                    messageArray = property.Value;
                    break;
                case "input" or "preferred_output" or "non_preferred_output" or "preferred_completion" or "non_preferred_completion":
                    preference = true;
                    break;
                case "prompt" or "completion":
                    completion = true;
                    break;
                case "tools" or "parallel_tool_calls" or "functions":
                    break;
                default:
                    extraKey = true;
                    break;
            }
        }

        if (preference)
        {
            return DatasetFormat.Preference;
        }

        if (messages)
        {
            if (extraKey && !completion)
            {
                return DatasetFormat.Reinforcement;
            }

            if (messageArray.ValueKind == JsonValueKind.Array)
            {
                var hasAssistant = false;
                var count = 0;
                foreach (var message in messageArray.EnumerateArray())
                {
                    count++;
                    if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String)
                    {
                        if (role.ValueEquals("developer"u8))
                        {
                            return DatasetFormat.Reinforcement;
                        }

                        hasAssistant |= role.ValueEquals("assistant"u8);
                    }
                }

                if (!hasAssistant && count > 0)
                {
                    return DatasetFormat.Reinforcement;
                }
            }

            return DatasetFormat.Chat;
        }

        return completion ? DatasetFormat.Completion : DatasetFormat.Unknown;
    }

    /// <summary>Gets the family of a format: chat and reinforcement lines share the <c>messages</c> shape and may be told apart only per file.</summary>
    internal static int Family(DatasetFormat format) => format switch
    {
        DatasetFormat.Chat or DatasetFormat.Reinforcement => 1,
        DatasetFormat.Preference => 2,
        DatasetFormat.Completion => 3,
        _ => 0,
    };
}
