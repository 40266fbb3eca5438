using System.Runtime.CompilerServices;
using static FineTuning.Toolkit.Tokenization.Internal.CodePointClasses;

namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>
/// A hand-written equivalent of tiktoken's pre-tokenization regexes, working on Unicode code points. Each method
/// reproduces the leftmost-first, greedy-with-backtracking semantics of the reference pattern alternative by
/// alternative, in the same order, so the pieces are exactly the regex matches.
/// </summary>
/// <remarks>
/// cl100k_base: <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>.
/// o200k_base: <c>[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>.
/// Every code point belongs to some alternative, so a piece is never empty. A lone surrogate behaves as U+FFFD.
/// </remarks>
internal static class PreTokenizer
{
    private const byte LetterOrNumber = Letter | Number;

    /// <summary>Returns the end (exclusive, in UTF-16 units) of the piece that starts at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NextEnd(ReadOnlySpan<char> text, int start, PreTokenizerKind kind) =>
        kind == PreTokenizerKind.O200k ? NextO200k(text, start) : NextCl100k(text, start);

    private static int NextCl100k(ReadOnlySpan<char> text, int i)
    {
        char ch = text[i];
        if (ch == '\'')
        {
            int c = ContractionLength(text, i);
            if (c > 0)
            {
                return i + c;
            }
        }

        byte f = At(text, i, out int len);

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if ((f & Letter) != 0)
        {
            return RunEnd(text, i + len, Letter);
        }

        if ((f & (CrLf | LetterOrNumber)) == 0 && i + len < text.Length && (At(text, i + len, out int len2) & Letter) != 0)
        {
            return RunEnd(text, i + len + len2, Letter);
        }

        // \p{N}{1,3}
        if ((f & Number) != 0)
        {
            return NumberEnd(text, i + len);
        }

        return PunctuationOrSpace(text, i, f, len, slashToo: false);
    }

    private static int NextO200k(ReadOnlySpan<char> text, int i)
    {
        byte f = At(text, i, out int len);
        if ((f & (Number | CrLf)) == 0)
        {
            // Alternatives A and B start with a prefix character (not \r, \n, L, N), an upper or a lower: anything but N, \r, \n.
            int end = WordO200k(text, i, f, len);
            if (end >= 0)
            {
                return end;
            }
        }

        if ((f & Number) != 0)
        {
            return NumberEnd(text, i + len);
        }

        return PunctuationOrSpace(text, i, f, len, slashToo: true);
    }

    /// <summary>Alternatives A then B of o200k, each first with the optional prefix consumed, then without it.</summary>
    private static int WordO200k(ReadOnlySpan<char> text, int i, byte f, int len)
    {
        bool prefix = (f & (CrLf | LetterOrNumber)) == 0;

        // A: P? U* Lw+ C?
        if (prefix)
        {
            int e = UpperStarLowerPlus(text, i + len);
            if (e >= 0)
            {
                return e;
            }
        }

        int a = UpperStarLowerPlus(text, i);
        if (a >= 0)
        {
            return a;
        }

        // B: P? U+ Lw* C?
        if (prefix)
        {
            int e = UpperPlusLowerStar(text, i + len);
            if (e >= 0)
            {
                return e;
            }
        }

        return UpperPlusLowerStar(text, i);
    }

    private static int UpperStarLowerPlus(ReadOnlySpan<char> text, int s)
    {
        int u = RunEnd(text, s, Upper);

        // Backtrack U* from its longest match until Lw+ can start.
        int p = u;
        while (true)
        {
            if (p < text.Length && (At(text, p, out int l) & Lower) != 0)
            {
                int e = RunEnd(text, p + l, Lower);
                return e + OptionalContraction(text, e);
            }

            if (p == s)
            {
                return -1;
            }

            p = Previous(text, p, s);
        }
    }

    private static int UpperPlusLowerStar(ReadOnlySpan<char> text, int s)
    {
        int u = RunEnd(text, s, Upper);
        if (u == s)
        {
            return -1;
        }

        int e = RunEnd(text, u, Lower);
        return e + OptionalContraction(text, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OptionalContraction(ReadOnlySpan<char> text, int e) =>
        e < text.Length && text[e] == '\'' ? ContractionLength(text, e) : 0;

    /// <summary>The shared tail of both patterns: <c> ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c> (with <c>/</c> in the trailing class for o200k).</summary>
    private static int PunctuationOrSpace(ReadOnlySpan<char> text, int i, byte f, int len, bool slashToo)
    {
        int j = i;
        byte g = f;
        int glen = len;
        if (text[i] == ' ' && i + 1 < text.Length)
        {
            j = i + 1;
            g = At(text, j, out glen);
        }

        if ((g & (WhiteSpace | LetterOrNumber)) == 0)
        {
            int e = RunEndNot(text, j + glen, WhiteSpace | LetterOrNumber);
            while (e < text.Length && (text[e] == '\r' || text[e] == '\n' || (slashToo && text[e] == '/')))
            {
                e++;
            }

            return e;
        }

        // Here the character at i is white space (every other class was handled above).
        int wsEnd = RunEnd(text, i + len, WhiteSpace);

        // \s*[\r\n]+ : up to the last line break of the white-space run.
        for (int k = wsEnd - 1; k >= i; k--)
        {
            if (text[k] == '\r' || text[k] == '\n')
            {
                return k + 1;
            }
        }

        // \s+(?!\S) then \s+ (white space is always one UTF-16 unit).
        if (wsEnd == text.Length || wsEnd - i < 2)
        {
            return wsEnd;
        }

        return wsEnd - 1;
    }

    private static int NumberEnd(ReadOnlySpan<char> text, int e)
    {
        for (int n = 1; n < 3 && e < text.Length; n++)
        {
            if ((At(text, e, out int l) & Number) == 0)
            {
                break;
            }

            e += l;
        }

        return e;
    }

    /// <summary>The end of the run of code points that have any of <paramref name="mask"/>, starting at <paramref name="e"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunEnd(ReadOnlySpan<char> text, int e, byte mask)
    {
        while (e < text.Length && (At(text, e, out int l) & mask) != 0)
        {
            e += l;
        }

        return e;
    }

    private static int RunEndNot(ReadOnlySpan<char> text, int e, byte mask)
    {
        while (e < text.Length && (At(text, e, out int l) & mask) == 0)
        {
            e += l;
        }

        return e;
    }

    /// <summary>Length of <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)</c> at <paramref name="i"/> (0 when absent). Unicode case folding makes U+017F (ſ) match <c>s</c>.</summary>
    private static int ContractionLength(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length)
        {
            return 0;
        }

        char c1 = text[i + 1];
        switch (c1)
        {
            case 's' or 'S' or '\u017F' or 't' or 'T' or 'm' or 'M' or 'd' or 'D':
                return 2;
            case 'r' or 'R' or 'v' or 'V' or 'l' or 'L':
                if (i + 2 < text.Length)
                {
                    char c2 = text[i + 2];
                    bool ok = c1 is 'l' or 'L' ? c2 is 'l' or 'L' : c2 is 'e' or 'E';
                    return ok ? 3 : 0;
                }

                return 0;
            default:
                return 0;
        }
    }
}
