using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Evaluation.Text;

/// <summary>
/// The text normalisation used by the normalised scorers: Unicode NFKC, lower case (invariant), punctuation removed,
/// the English articles <c>a</c>, <c>an</c>, <c>the</c> removed, whitespace collapsed (the SQuAD convention).
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/> for comparison.</summary>
    public static string Normalize(string text) => string.Join(' ', Tokenize(text));

    /// <summary>Splits <paramref name="text"/> into normalised tokens (letters and digits; punctuation separates tokens; articles dropped).</summary>
    public static List<string> Tokenize(string text, bool dropArticles = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var current = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
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

    /// <summary>Lower-cases and collapses whitespace only (keeps punctuation); used by "contains" matching.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
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

            sb.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
