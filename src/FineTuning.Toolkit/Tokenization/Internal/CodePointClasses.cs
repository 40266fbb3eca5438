using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>
/// The character classes that tiktoken's pre-tokenizer regexes use, evaluated per Unicode code point (not per UTF-16
/// code unit, which is where a plain .NET <c>Regex</c> port goes wrong for astral-plane letters and digits).
/// </summary>
internal static class CodePointClasses
{
    /// <summary><c>\p{L}</c>: Lu, Ll, Lt, Lm, Lo.</summary>
    public const byte Letter = 1;

    /// <summary><c>\p{N}</c>: Nd, Nl, No.</summary>
    public const byte Number = 2;

    /// <summary>o200k's "upper" class <c>[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]</c>.</summary>
    public const byte Upper = 4;

    /// <summary>o200k's "lower" class <c>[\p{Ll}\p{Lm}\p{Lo}\p{M}]</c>.</summary>
    public const byte Lower = 8;

    /// <summary><c>\s</c> as Rust's regex defines it: the Unicode White_Space property (U+FEFF is not in it, U+0085 is).</summary>
    public const byte WhiteSpace = 16;

    /// <summary><c>[\r\n]</c>.</summary>
    public const byte CrLf = 32;

    private static readonly byte[] s_bmp = BuildBmp();

    /// <summary>Decodes the code point at <paramref name="index"/> and returns its class flags.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">A code point boundary inside <paramref name="text"/>.</param>
    /// <param name="length">1 or 2: the UTF-16 length of the code point (a lone surrogate counts as one U+FFFD).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<char> text, int index, out int length)
    {
        char c = text[index];
        if (!char.IsSurrogate(c))
        {
            length = 1;
            return s_bmp[c];
        }

        return AtSurrogate(text, index, out length);
    }

    private static byte AtSurrogate(ReadOnlySpan<char> text, int index, out int length)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return ForCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[index + 1])));
        }

        // A lone surrogate is replaced by U+FFFD (an "other symbol"), as tiktoken sees it after UTF-8 conversion.
        length = 1;
        return 0;
    }

    /// <summary>The flags of one code point.</summary>
    public static byte Of(int codePoint) =>
        codePoint < 0x10000 && !char.IsSurrogate((char)codePoint)
            ? s_bmp[codePoint]
            : Rune.IsValid(codePoint) ? ForCategory(CharUnicodeInfo.GetUnicodeCategory(codePoint)) : (byte)0;

    /// <summary>The start of the code point that ends at <paramref name="index"/> (exclusive), never before <paramref name="floor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Previous(ReadOnlySpan<char> text, int index, int floor)
    {
        if (index - 2 >= floor && char.IsLowSurrogate(text[index - 1]) && char.IsHighSurrogate(text[index - 2]))
        {
            return index - 2;
        }

        return index - 1;
    }

    private static byte[] BuildBmp()
    {
        var table = new byte[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            table[c] = ForCategory(CharUnicodeInfo.GetUnicodeCategory((char)c));
        }

        // Rust regex \s = Unicode White_Space.
        foreach (int c in (ReadOnlySpan<int>)[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
        {
            table[c] |= WhiteSpace;
        }

        for (int c = 0x2000; c <= 0x200A; c++)
        {
            table[c] |= WhiteSpace;
        }

        table['\r'] |= CrLf;
        table['\n'] |= CrLf;
        return table;
    }

    private static byte ForCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Letter | Upper,
        UnicodeCategory.LowercaseLetter => Letter | Lower,
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter | Upper | Lower,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Upper | Lower,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
        _ => 0,
    };
}
