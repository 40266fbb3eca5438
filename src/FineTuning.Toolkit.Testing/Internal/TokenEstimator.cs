namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Token counts for usage and billing.</summary>
internal static class TokenEstimator
{
    /// <summary>Counts the tokens of <paramref name="text"/> for <paramref name="model"/>.</summary>
    public static int Count(string model, string? text)
    {
        _ = model;
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        // Crude fallback (about four characters per token) until the toolkit's tokenizer is available.
        return Math.Max(1, (text.Length + 3) / 4);
    }

    /// <summary>Chat-format overhead per the cookbook: 3 per message plus 3 priming the reply.</summary>
    public static int CountMessages(string model, IEnumerable<(string Role, string Content)> messages)
    {
        var total = 3;
        foreach (var (role, content) in messages)
        {
            total += 3 + Count(model, role) + Count(model, content);
        }

        return total;
    }
}
