using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>The built-in detectors, in priority order (earlier wins when two matches overlap).</summary>
internal static partial class SensitiveDataDetectors
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>Every built-in detector, highest priority first.</summary>
    public static IReadOnlyList<SensitiveDataDetector> All { get; } =
    [
        new("private-key", SensitiveDataKind.PrivateKey, PrivateKeyPattern(), t => t.Contains("-----BEGIN", StringComparison.Ordinal)),
        new("jwt", SensitiveDataKind.Jwt, JwtPattern(), t => t.Contains("eyJ", StringComparison.Ordinal), IsJwt),
        new("openai-key", SensitiveDataKind.ApiKey, OpenAiKeyPattern(), t => t.Contains("sk-", StringComparison.Ordinal), (_, _, g) => HasLetterAndDigit(g.ValueSpan[3..])),
        new("aws-access-key", SensitiveDataKind.ApiKey, AwsAccessKeyPattern(), t => t.Contains('A', StringComparison.Ordinal)),
        new("aws-secret-key", SensitiveDataKind.ApiKey, AwsSecretKeyPattern(), t => t.Contains("ecret", StringComparison.OrdinalIgnoreCase), (_, _, g) => HasLetterAndDigit(g.ValueSpan), "v"),
        new("github-token", SensitiveDataKind.ApiKey, GitHubTokenPattern(), t => t.Contains("gh", StringComparison.Ordinal) || t.Contains("github_pat_", StringComparison.Ordinal)),
        new("azure-connection-string", SensitiveDataKind.ApiKey, AzureConnectionStringPattern(), t => t.Contains("Key=", StringComparison.OrdinalIgnoreCase), null, "v"),
        new("azure-key", SensitiveDataKind.ApiKey, AzureKeyPattern(), HasKeyWord, (_, _, g) => HasLetterAndDigit(g.ValueSpan), "v"),
        new("google-api-key", SensitiveDataKind.ApiKey, GoogleKeyPattern(), t => t.Contains("AIza", StringComparison.Ordinal)),
        new("stripe-key", SensitiveDataKind.ApiKey, StripeKeyPattern(), t => t.Contains("k_", StringComparison.Ordinal)),
        new("slack-token", SensitiveDataKind.ApiKey, SlackTokenPattern(), t => t.Contains("xox", StringComparison.Ordinal)),
        new("generic-api-key", SensitiveDataKind.ApiKey, GenericKeyPattern(), HasKeyWord, (_, _, g) => LooksRandom(g.ValueSpan), "v"),
        new("iban", SensitiveDataKind.Iban, IbanPattern(), HasDigit, (_, _, g) => IsIban(g.ValueSpan)),
        new("credit-card", SensitiveDataKind.CreditCard, CardPattern(), HasDigit, (t, m, g) => IsCardNumber(g.ValueSpan) && !FollowsIbanPrefix(t, m.Index)),
        new("email", SensitiveDataKind.Email, EmailPattern(), t => t.Contains('@', StringComparison.Ordinal), (_, m, _) => !IsFileExtension(m.Groups["tld"].ValueSpan)),
        new("ipv4", SensitiveDataKind.IpAddress, Ipv4Pattern(), HasDigit, (t, m, _) => !FollowsVersionWord(t, m.Index)),
        new("ipv6", SensitiveDataKind.IpAddress, Ipv6Pattern(), t => t.Contains("::", StringComparison.Ordinal) || t.Count(c => c == ':') >= 7, (_, _, g) => IsIpv6(g.Value)),
        new("phone", SensitiveDataKind.Phone, InternationalPhonePattern(), t => t.Contains('+', StringComparison.Ordinal), (_, _, g) => DigitCount(g.ValueSpan) is >= 8 and <= 15),
        new("phone", SensitiveDataKind.Phone, NationalPhonePattern(), HasDigit, (t, m, g) => DigitCount(g.ValueSpan) is >= 10 and <= 12 && !FollowsIbanPrefix(t, m.Index)),
    ];

    // ---- patterns -------------------------------------------------------------------------------------------

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)", Options)]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?![\w-])", Options)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}(?![\w-])", Options)]
    private static partial Regex OpenAiKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])", Options)]
    private static partial Regex AwsAccessKeyPattern();

    [GeneratedRegex(@"(?i:aws[_ -]?secret[_ -]?(?:access[_ -]?)?key|secret[_ -]?access[_ -]?key)[""']?\s*[:=]\s*[""']?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", Options)]
    private static partial Regex AwsSecretKeyPattern();

    [GeneratedRegex(@"(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})(?![\w])", Options)]
    private static partial Regex GitHubTokenPattern();

    [GeneratedRegex(@"(?i:AccountKey|SharedAccessKey)=(?<v>[A-Za-z0-9+/]{20,}={0,2})", Options)]
    private static partial Regex AzureConnectionStringPattern();

    [GeneratedRegex(@"(?i:api[-_ ]?key|subscription[-_ ]?key|ocp-apim-subscription-key|azure[-_ ]?(?:openai[-_ ]?)?key|access[-_ ]?key|secret[-_ ]?key|key ?[12]|\bkey)[""']?\s*(?::|=|\bis\b)\s*[""']?(?<v>[0-9a-fA-F]{32})(?![0-9A-Za-z])", Options)]
    private static partial Regex AzureKeyPattern();

    [GeneratedRegex(@"(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])", Options)]
    private static partial Regex GoogleKeyPattern();

    [GeneratedRegex(@"(?<![\w])(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{20,}(?![\w])", Options)]
    private static partial Regex StripeKeyPattern();

    [GeneratedRegex(@"(?<![\w-])xox[abprs]-[0-9A-Za-z-]{10,}(?![\w-])", Options)]
    private static partial Regex SlackTokenPattern();

    [GeneratedRegex(@"(?i:api[-_ ]?key|api[-_ ]?token|access[-_ ]?token|auth[-_ ]?token|secret[-_ ]?key|client[-_ ]?secret|subscription[-_ ]?key|bearer)[""']?\s*(?::|=|\bis\b)?\s*[""']?(?<v>[A-Za-z0-9_\-]{32,200})(?![A-Za-z0-9_\-])", Options)]
    private static partial Regex GenericKeyPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", Options)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w]|[.,-]\d)", Options)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9_][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?<tld>[A-Za-z]{2,24})(?![A-Za-z0-9-])", Options)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:/\d{1,2})?(?![\w]|\.\d)", Options)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f:]*:[0-9A-Fa-f]*:[0-9A-Fa-f:]*(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?:%[0-9A-Za-z]+)?(?![\w:])", Options)]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?![\w]|[.-]\d)", Options)]
    private static partial Regex InternationalPhonePattern();

    [GeneratedRegex(@"(?<![\w.+-])(?<!\d[ -])(?:\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}(?<s>[-. ])\d{3}\k<s>\d{4}|0[1-9]\d{0,3}(?<t>[ -])\d{2,4}(?:\k<t>\d{2,4}){1,3}|\(?0[1-9]\d{0,4}\)?[ /-]\d{5,8})(?![\w]|[-. ]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NationalPhonePattern();

    // ---- validators -----------------------------------------------------------------------------------------

    /// <summary>True when the digits at <paramref name="index"/> continue an IBAN-shaped run (<c>DE89 3704 …</c>, <c>NL91 ABNA …</c>): a
    /// number inside an IBAN whose checksum fails is not a card or phone number (issue 11).</summary>
    private static bool FollowsIbanPrefix(string text, int index) =>
        IbanPrefixPattern().IsMatch(text.AsSpan(Math.Max(0, index - 48), Math.Min(index, 48)));

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4})* ?$", Options)]
    private static partial Regex IbanPrefixPattern();

    private static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    private static bool HasKeyWord(string text) =>
        text.Contains("key", StringComparison.OrdinalIgnoreCase)
        || text.Contains("token", StringComparison.OrdinalIgnoreCase)
        || text.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || text.Contains("bearer", StringComparison.OrdinalIgnoreCase);

    private static int DigitCount(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static bool HasLetterAndDigit(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('0', '9') >= 0 && (value.IndexOfAnyInRange('a', 'z') >= 0 || value.IndexOfAnyInRange('A', 'Z') >= 0);

    /// <summary>A token value after "api_key=" must look random: digits and letters of both cases, or hex, and not a placeholder word chain.</summary>
    private static bool LooksRandom(ReadOnlySpan<char> value)
    {
        if (!HasLetterAndDigit(value))
        {
            return false;
        }

        var digits = DigitCount(value);
        var upper = 0;
        var lower = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
        }

        var mixedCase = upper > 0 && lower > 0;
        return digits >= 4
            && (mixedCase || value.Length >= 32)
            && !value.Contains("YOUR", StringComparison.OrdinalIgnoreCase)
            && !value.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsFileExtension(ReadOnlySpan<char> tld) =>
        tld.Length <= 5 && FileExtensions.Contains(tld.ToString().ToLowerInvariant());

    private static readonly HashSet<string> FileExtensions = new(StringComparer.Ordinal)
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "mjs", "ts", "css", "scss", "html", "htm", "json",
        "xml", "yml", "yaml", "txt", "pdf", "zip", "gz", "tar", "exe", "dll", "py", "rb", "rs", "java", "cs", "cpp", "csv", "jsonl",
    };

    private static readonly string[] VersionWords = ["version", "ver", "v", "release", "build", "update", "upgrade", "sdk", "package", "python", "node", ".net", "dotnet", "firmware", "patch", "section", "chapter", "clause", "step", "figure", "table", "item", "paragraph", "§"];

    /// <summary>True when the dotted quad is preceded by a version or numbering word ("version 1.2.3.4", "build 10.0.19041.1", "section 10.3.2.1").</summary>
    private static bool FollowsVersionWord(string text, int index)
    {
        var start = Math.Max(0, index - 24);
        var before = text.AsSpan(start, index - start).TrimEnd();
        before = before.TrimEnd(':').TrimEnd();
        foreach (var word in VersionWords)
        {
            if (before.EndsWith(word, StringComparison.OrdinalIgnoreCase)
                && (before.Length == word.Length || !char.IsAsciiLetter(before[before.Length - word.Length - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIpv6(string candidate)
    {
        var value = candidate;
        var percent = value.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            value = value[..percent];
        }

        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (value == "::1")
        {
            return true;
        }

        var groups = value.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var hexDigits = groups.Sum(g => g.Length);
        return value.Contains("::", StringComparison.Ordinal) ? groups.Length >= 2 && hexDigits >= 5 && groups.Length + 1 >= 3 : groups.Length >= 8;
    }

    private static bool IsJwt(string text, Match match, Group group)
    {
        var dot = group.ValueSpan.IndexOf('.');
        var header = group.ValueSpan[..dot];
        Span<byte> buffer = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (!Base64Url.TryDecodeFromChars(header, buffer, out var written))
        {
            return false;
        }

        var json = Encoding.UTF8.GetString(buffer[..written]);
        return json.Contains("\"alg\"", StringComparison.Ordinal) || json.Contains("\"typ\"", StringComparison.Ordinal);
    }

    /// <summary>Luhn check plus issuer prefix and consistent grouping.</summary>
    internal static bool IsCardNumber(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[value.Length];
        var n = 0;
        var separator = '\0';
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
            else if (separator == '\0')
            {
                separator = c;
            }
            else if (separator != c)
            {
                return false;
            }
        }

        digits = digits[..n];
        if (n is < 13 or > 19 || !HasIssuerPrefix(digits) || !PassesLuhn(digits))
        {
            return false;
        }

        if (separator != '\0')
        {
            // Grouped numbers use 4-digit groups (Amex 4-6-5, Diners 4-6-4); anything else is likely not a card.
            var groups = value.ToString().Split(separator);
            var lengths = string.Join('-', groups.Select(g => g.Length));
            return groups.All(g => g.Length == 4 || (g == groups[^1] && g.Length is >= 1 and <= 4))
                || lengths is "4-6-5" or "4-6-4";
        }

        return true;
    }

    private static bool HasIssuerPrefix(ReadOnlySpan<char> d)
    {
        var two = (d[0] - '0') * 10 + (d[1] - '0');
        var four = two * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        return d[0] == '4'                                  // Visa
            || two is >= 51 and <= 55                        // Mastercard
            || four is >= 2221 and <= 2720                   // Mastercard 2-series
            || two is 34 or 37                               // Amex
            || two is 36 or 38 or 30                         // Diners
            || four == 6011 || two == 65 || (four >= 6440 && four <= 6499) // Discover
            || two == 35                                     // JCB
            || two is 62 or 67;                              // UnionPay, Maestro
    }

    /// <summary>The Luhn (mod 10) check.</summary>
    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Country length table and the ISO 13616 mod-97 check.</summary>
    internal static bool IsIban(ReadOnlySpan<char> value)
    {
        Span<char> iban = stackalloc char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                iban[n++] = c;
            }
        }

        iban = iban[..n];
        if (!IbanLengths.TryGetValue(iban[..2].ToString(), out var expected) || expected != n)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < n; i++)
        {
            var c = iban[(i + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };
}
