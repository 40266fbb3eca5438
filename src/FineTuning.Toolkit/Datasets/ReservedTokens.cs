namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The special-token texts the platform refuses inside training text ("Invalid file format. Example N message contains an
/// invalid token: &lt;|fim_suffix|&gt;"; platform-facts §1.1), and the one place that looks for them. The validator (FT2029)
/// and the emulator both call it, always on <em>decoded</em> JSON strings: <c>"&lt;\u007cendoftext|&gt;"</c> is
/// <c>&lt;|endoftext|&gt;</c> once decoded, and so is <c>"\u003c\u007cendoftext\u007c\u003e"</c>.
/// </summary>
internal static class ReservedTokens
{
    /// <summary>The special tokens of OpenAI's encodings (cl100k_base, o200k_base) and the ChatML markers; refused for every model.</summary>
    public static readonly string[] Common =
    [
        "<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|im_start|>", "<|im_end|>", "<|im_sep|>",
    ];

    /// <summary>The Harmony response-format tokens of the gpt-oss models (o200k_harmony): refused when the model is a gpt-oss model.</summary>
    public static readonly string[] Harmony =
    [
        "<|start|>", "<|channel|>", "<|message|>", "<|end|>", "<|return|>", "<|call|>", "<|constrain|>",
    ];

    /// <summary>Returns whether <paramref name="model"/> (a base model, alias or fine-tuned id) is a gpt-oss model, whose chat template is Harmony.</summary>
    /// <param name="model">The model, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for gpt-oss models.</returns>
    public static bool IsHarmonyModel(string? model) =>
        model is not null && model.Contains("gpt-oss", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns whether <paramref name="token"/> is a Harmony format token.</summary>
    /// <param name="token">A token text returned by <see cref="Find(ReadOnlySpan{char}, bool)"/>.</param>
    /// <returns><see langword="true"/> for a Harmony token.</returns>
    public static bool IsHarmonyToken(string token) => Array.IndexOf(Harmony, token) >= 0;

    /// <summary>Finds the first reserved token in decoded text, for <paramref name="model"/> (Harmony tokens count only for gpt-oss models).</summary>
    /// <param name="text">The decoded text (a JSON string's value, not its raw JSON).</param>
    /// <param name="model">The base model, or <see langword="null"/> when unknown.</param>
    /// <returns>The token text, or <see langword="null"/>.</returns>
    public static string? Find(ReadOnlySpan<char> text, string? model) => Find(text, IsHarmonyModel(model));

    /// <summary>Finds the first reserved token in decoded text.</summary>
    /// <param name="text">The decoded text.</param>
    /// <param name="includeHarmony">Whether Harmony format tokens count.</param>
    /// <returns>The token text, or <see langword="null"/>.</returns>
    public static string? Find(ReadOnlySpan<char> text, bool includeHarmony)
    {
        foreach (var token in FindAll(text, includeHarmony))
        {
            return token;
        }

        return null;
    }

    /// <summary>Lists the distinct reserved tokens in decoded text, in the order of <see cref="Common"/> then <see cref="Harmony"/>.</summary>
    /// <param name="text">The decoded text.</param>
    /// <param name="includeHarmony">Whether Harmony format tokens count.</param>
    /// <returns>The tokens found (empty when none).</returns>
    public static IReadOnlyList<string> FindAll(ReadOnlySpan<char> text, bool includeHarmony)
    {
        if (text.IndexOf("<|", StringComparison.Ordinal) < 0)
        {
            return [];
        }

        List<string> found = [];

        foreach (var token in Common)
        {
            if (text.Contains(token, StringComparison.Ordinal))
            {
                found.Add(token);
            }
        }

        if (includeHarmony)
        {
            foreach (var token in Harmony)
            {
                if (text.Contains(token, StringComparison.Ordinal))
                {
                    found.Add(token);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A cheap, exact pre-test on a raw JSON line: <see langword="false"/> only when no string in it can decode to a token.
    /// A token needs <c>&lt;</c> followed by <c>|</c>; in raw JSON that is <c>&lt;|</c>, <c>&lt;\u007c</c>, or an escaped
    /// <c>\u003c</c> followed by anything (hex digits in either case).
    /// </summary>
    /// <param name="utf8Json">The raw UTF-8 JSON.</param>
    /// <returns><see langword="true"/> when the decoded strings must be searched.</returns>
    public static bool MightContain(ReadOnlySpan<byte> utf8Json)
    {
        // One vectorized scan for '<' and the backslash (the validator runs this on every line). After a backslash the escaped
        // character is skipped, so an escaped backslash followed by the text u003c is not taken for an escaped '<'.
        var at = 0;
        while (true)
        {
            var i = utf8Json[at..].IndexOfAny((byte)'<', (byte)'\\');
            if (i < 0)
            {
                return false;
            }

            at += i;
            var rest = utf8Json[at..];
            if (rest[0] == (byte)'<')
            {
                if (rest.Length > 1 && (rest[1] == (byte)'|' || IsEscape(rest[1..], '7')))
                {
                    return true;
                }

                at++;
            }
            else
            {
                if (IsEscape(rest, '3'))
                {
                    return true;
                }

                at += 2;
            }

            if (at >= utf8Json.Length)
            {
                return false;
            }
        }

        // \u00{digit}{c or C}: \u007c is '|', \u003c is '<'.
        static bool IsEscape(ReadOnlySpan<byte> s, char digit) =>
            s.Length >= 6 && s[0] == (byte)'\\' && s[1] == (byte)'u' && s[2] == (byte)'0' && s[3] == (byte)'0' && s[4] == (byte)digit && (s[5] | 0x20) == (byte)'c';
    }
}
