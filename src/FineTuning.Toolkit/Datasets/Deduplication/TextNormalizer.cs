using System.Text;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Applies <see cref="TextNormalizationOptions"/> to a string.</summary>
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
            text = PlatformNormalizes.Value ? text.Normalize(NormalizationForm.FormKC) : FoldCompatibility(text);
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
