using System.Text;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// The toolkit's one text normaliser. <see cref="Normalize(string, TextNormalizationOptions)"/> applies
/// <see cref="TextNormalizationOptions"/> (de-duplication, leakage); <see cref="NormalizeAnswer"/>, <see cref="Tokenize"/> and
/// <see cref="Fold(string)"/> are the answer normalisations of the evaluation scorers (SQuAD convention). All fold Unicode
/// compatibility forms (NFKC) the same way, with a built-in table when the runtime cannot normalise.
/// </summary>
internal static class TextNormalizer
{
    private static readonly Lazy<bool> PlatformNormalizes = new(() =>
    {
        try
        {
            return "\uFB01".Normalize(NormalizationForm.FormKC) == "fi";
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }
    });

    /// <summary>Normalises <paramref name="text"/> as <paramref name="options"/> asks.</summary>
    public static string Normalize(string text, TextNormalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UnicodeCompatibility)
        {
            text = Compatibility(text);
        }

        if (options.IgnoreCase)
        {
            text = text.ToLowerInvariant();
        }

        if (!options.CollapseWhitespace && !options.IgnorePunctuation)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (options.IgnorePunctuation && (char.IsPunctuation(c) || char.IsSymbol(c)))
            {
                if (options.CollapseWhitespace)
                {
                    pendingSpace = builder.Length > 0;
                }

                continue;
            }

            if (options.CollapseWhitespace && char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Unicode NFKC, or the built-in folding table when the runtime cannot normalise (invariant globalization).</summary>
    public static string Compatibility(string text) =>
        PlatformNormalizes.Value ? text.Normalize(NormalizationForm.FormKC) : FoldCompatibility(text);

    /// <summary>Normalises an answer for comparison: NFKC, lower case (invariant), punctuation removed, the English articles <c>a</c>, <c>an</c>, <c>the</c> removed, whitespace collapsed (the SQuAD convention).</summary>
    public static string NormalizeAnswer(string text) => string.Join(' ', Tokenize(text));

    /// <summary>Splits <paramref name="text"/> into normalised tokens (letters and digits, lower case; punctuation separates tokens; apostrophes join; articles dropped unless <paramref name="dropArticles"/> is false).</summary>
    public static List<string> Tokenize(string text, bool dropArticles = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in Compatibility(text).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (rune.Value == '\'' || rune.Value == '\u2019')
            {
                // Apostrophes join ("don't" stays one token), as most answer normalisers do.
                continue;
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }

            var token = current.ToString();
            current.Clear();
            if (dropArticles && token is "a" or "an" or "the")
            {
                return;
            }

            tokens.Add(token);
        }
    }

    /// <summary>NFKC, lower case (invariant) and whitespace collapsed, punctuation kept; used by "contains" matching.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in Compatibility(text))
        {
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }

    /// <summary>The NFKC mappings that matter for de-duplication, for runtimes that cannot normalise (invariant globalization).</summary>
    internal static string FoldCompatibility(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var folded = Fold(c);
            if (folded is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            builder.Append(folded);
        }

        return builder?.ToString() ?? text;
    }

    private static string? Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => ((char)(c - 0xFEE0)).ToString(),          // full-width ASCII
        '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000' => " ",
        '\u2011' => "-",
        '\u00B2' => "2",
        '\u00B3' => "3",
        '\u00B9' => "1",
        '\u2070' => "0",
        >= '\u2074' and <= '\u2079' => ((char)('4' + (c - '\u2074'))).ToString(),
        >= '\u2080' and <= '\u2089' => ((char)('0' + (c - '\u2080'))).ToString(),
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' or '\uFB06' => "st",
        '\u2026' => "...",
        '\u2024' => ".",
        '\u2122' => "TM",
        '\u00BD' => "1\u20442",
        _ => null,
    };
}
