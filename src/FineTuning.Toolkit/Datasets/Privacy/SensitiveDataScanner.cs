using System.Text;

namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>
/// Finds personal data and secrets in text (e-mail, phone, payment card, IBAN, IP address, API keys, private keys, JWTs)
/// and replaces them with typed placeholders such as <c>[EMAIL]</c>.
/// </summary>
/// <remarks>
/// Candidates are confirmed by checksums (Luhn, IBAN mod-97), issuer prefixes and context so that ordinary numbers in prose
/// (years, prices, order numbers, versions, dates) are not reported. Results never contain the matched text; use
/// <see cref="MaskExcerpt"/> to show a match. Instances are immutable and thread-safe.
/// </remarks>
public sealed class SensitiveDataScanner
{
    private readonly SensitiveDataDetector[] _detectors = [.. SensitiveDataDetectors.All];
    private readonly HashSet<SensitiveDataKind>? _kinds;
    private readonly HashSet<string> _allowed;
    private readonly int _context;

    /// <summary>Initializes a new instance of the <see cref="SensitiveDataScanner"/> class.</summary>
    /// <param name="options">The options, or <see langword="null"/> for every detector and default settings.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SensitiveDataScannerOptions.ExcerptContext"/> is outside 0–200.</exception>
    public SensitiveDataScanner(SensitiveDataScannerOptions? options = null)
    {
        options ??= new SensitiveDataScannerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExcerptContext, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ExcerptContext, 200, nameof(options));
        // Every detector always runs, so a selected kind never claims characters that belong to another kind (a card number
        // inside an IBAN), and excerpts can hide every detected value; Kinds only filters what is reported (issue 11).
        _kinds = options.Kinds is null ? null : new HashSet<SensitiveDataKind>(options.Kinds);
        _allowed = new HashSet<string>(options.AllowedValues ?? [], StringComparer.OrdinalIgnoreCase);
        _context = options.ExcerptContext;
    }

    /// <summary>Gets the placeholder that <see cref="Redact(string)"/> writes for <paramref name="kind"/>, e.g. <c>[EMAIL]</c>.</summary>
    /// <param name="kind">The kind of data.</param>
    /// <returns>The placeholder text.</returns>
    public static string PlaceholderFor(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.Email => "[EMAIL]",
        SensitiveDataKind.Phone => "[PHONE]",
        SensitiveDataKind.CreditCard => "[CREDIT_CARD]",
        SensitiveDataKind.Iban => "[IBAN]",
        SensitiveDataKind.IpAddress => "[IP]",
        SensitiveDataKind.ApiKey => "[API_KEY]",
        SensitiveDataKind.PrivateKey => "[PRIVATE_KEY]",
        SensitiveDataKind.Jwt => "[JWT]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    /// <summary>Finds the sensitive data in <paramref name="text"/>.</summary>
    /// <param name="text">The text to scan.</param>
    /// <returns>The matches, ordered by position and never overlapping (when two detectors match the same characters the more specific one wins).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<SensitiveDataMatch> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var all = ScanAll(text);
        return _kinds is null ? all : [.. all.Where(m => _kinds.Contains(m.Kind))];
    }

    /// <summary>Every match of every kind (the <see cref="SensitiveDataScannerOptions.Kinds"/> filter not applied).</summary>
    private List<SensitiveDataMatch> ScanAll(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var candidates = new List<SensitiveDataMatch>();
        foreach (var detector in _detectors)
        {
            detector.Detect(text, candidates);
        }

        if (candidates.Count == 0)
        {
            return candidates;
        }

        // Candidates arrive in detector priority order; keep each one that does not overlap an earlier (higher-priority) one.
        var accepted = new List<SensitiveDataMatch>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (_allowed.Count > 0 && _allowed.Contains(text.Substring(candidate.Start, candidate.Length)))
            {
                continue;
            }

            if (!accepted.Exists(a => a.Start < candidate.End && candidate.Start < a.End))
            {
                accepted.Add(candidate);
            }
        }

        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }

    /// <summary>Returns <paramref name="text"/> with every match replaced by its placeholder.</summary>
    /// <param name="text">The text to redact.</param>
    /// <returns>The redacted text (the same instance when nothing was found).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public string Redact(string text) => Redact(text, Scan(text));

    /// <summary>Returns <paramref name="text"/> with the given matches replaced by their placeholders.</summary>
    /// <param name="text">The text the matches were found in.</param>
    /// <param name="matches">Matches from <see cref="Scan"/> on the same text.</param>
    /// <returns>The redacted text.</returns>
    public static string Redact(string text, IReadOnlyList<SensitiveDataMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in matches)
        {
            builder.Append(text, position, match.Start - position).Append(PlaceholderFor(match.Kind));
            position = match.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>
    /// Builds a one-line excerpt around <paramref name="match"/> for display: the match itself is masked (a recognisable prefix
    /// or the last digits at most), other matches nearby are replaced by placeholders, and line breaks are shown as <c>\n</c>.
    /// </summary>
    /// <param name="text">The text the matches were found in.</param>
    /// <param name="match">The match to show.</param>
    /// <param name="allMatches">Every match in <paramref name="text"/> (so neighbours are hidden too). When the scanner reports only
    /// some kinds, values of the other kinds are detected and hidden as well: an excerpt never shows any detected value.</param>
    /// <returns>The masked excerpt; it never contains the full sensitive value.</returns>
    public string MaskExcerpt(string text, SensitiveDataMatch match, IReadOnlyList<SensitiveDataMatch> allMatches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allMatches);
        if (_kinds is not null)
        {
            allMatches = [.. allMatches.Concat(ScanAll(text).Where(m => !allMatches.Any(a => a.Start < m.End && m.Start < a.End)))];
        }

        var start = Math.Max(0, match.Start - _context);
        var end = Math.Min(text.Length, match.End + _context);
        var builder = new StringBuilder();
        if (start > 0)
        {
            builder.Append('…');
        }

        var position = start;
        foreach (var other in allMatches.Where(m => m.Start < end && m.End > start).OrderBy(m => m.Start))
        {
            if (other.Start > position)
            {
                AppendPlain(builder, text.AsSpan(position, other.Start - position));
            }

            builder.Append(other == match ? Mask(text.AsSpan(match.Start, match.Length), match.Kind) : PlaceholderFor(other.Kind));
            position = Math.Max(position, other.End);
        }

        if (end > position)
        {
            AppendPlain(builder, text.AsSpan(position, end - position));
        }

        if (end < text.Length && position < text.Length)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    private static void AppendPlain(StringBuilder builder, ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => " ",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }
    }

    /// <summary>Masks one value: keeps only what identifies its type (a key prefix, a country code, the last digits).</summary>
    internal static string Mask(ReadOnlySpan<char> value, SensitiveDataKind kind)
    {
        switch (kind)
        {
            case SensitiveDataKind.Email:
                var dot = value.LastIndexOf('.');
                return $"{value[0]}***@***{value[dot..]}";
            case SensitiveDataKind.Phone:
            case SensitiveDataKind.CreditCard:
                var digits = new string([.. value.ToArray().Where(char.IsAsciiDigit)]);
                return $"{PlaceholderFor(kind)[..^1]} …{digits[^Math.Min(kind == SensitiveDataKind.Phone ? 2 : 4, digits.Length)..]}]";
            case SensitiveDataKind.Iban:
                return $"[IBAN {value[..2]}** …{value[^2..]}]";
            case SensitiveDataKind.IpAddress:
                var separator = value.IndexOfAny('.', ':');
                return $"[IP {value[..Math.Max(separator, 0)]}…]";
            case SensitiveDataKind.ApiKey:
                return $"[API_KEY {KnownPrefix(value)}… {value.Length} chars]";
            case SensitiveDataKind.PrivateKey:
                return $"[PRIVATE_KEY {value.Length} chars]";
            case SensitiveDataKind.Jwt:
                return $"[JWT eyJ… {value.Length} chars]";
            default:
                return PlaceholderFor(kind);
        }
    }

    private static readonly string[] KeyPrefixes =
        ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-", "sk-", "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "AKIA", "ASIA", "AIza", "sk_live_", "sk_test_", "rk_live_", "pk_live_", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"];

    private static string KnownPrefix(ReadOnlySpan<char> value)
    {
        foreach (var prefix in KeyPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return string.Empty;
    }
}
