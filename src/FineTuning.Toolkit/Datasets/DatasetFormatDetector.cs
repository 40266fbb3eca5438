using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Detects the training format of one JSON line.</summary>
public static class DatasetFormatDetector
{
    /// <summary>Detects the format of <paramref name="element"/>.</summary>
    /// <param name="element">A JSON value (one line).</param>
    /// <returns>
    /// <see cref="DatasetFormat.Preference"/> when it has <c>input</c>/<c>preferred_output</c>/<c>non_preferred_output</c>;
    /// <see cref="DatasetFormat.Reinforcement"/> when it has <c>messages</c> with a <c>developer</c> message or ending with a
    /// message that is not an assistant message (a prompt); <see cref="DatasetFormat.Chat"/> for other <c>messages</c> lines; <see cref="DatasetFormat.Completion"/> for <c>prompt</c>/<c>completion</c>; otherwise <see cref="DatasetFormat.Unknown"/>.
    /// </returns>
    public static DatasetFormat Detect(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return DatasetFormat.Unknown;
        }

        bool messages = false, preference = false, completion = false;
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
            }
        }

        if (preference)
        {
            return DatasetFormat.Preference;
        }

        if (messages)
        {
            if (messageArray.ValueKind == JsonValueKind.Array)
            {
                string? lastRole = null;
                foreach (var message in messageArray.EnumerateArray())
                {
                    lastRole = null;
                    if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String)
                    {
                        if (role.ValueEquals("developer"u8))
                        {
                            return DatasetFormat.Reinforcement;
                        }

                        lastRole = role.ValueEquals("assistant"u8) ? "assistant" : "other";
                    }
                }

                if (lastRole == "other")
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
