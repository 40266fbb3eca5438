using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>Reads a score or a pairwise verdict out of a judge model's free-text reply, tolerating the usual variations.</summary>
internal static partial class JudgeReplyParser
{
    /// <summary>
    /// Finds the score in <paramref name="reply"/>, trying in order: a JSON object with a <c>score</c> (or <c>rating</c>)
    /// property; the last "score/rating: n" (optionally "n/max" or "n out of max"); the last "n/max" or "n out of max"
    /// with max equal to <paramref name="max"/>; a reply that is only a number. Values outside [min, max] are rejected.
    /// </summary>
    public static double? ParseScore(string reply, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Trim();
        if (TryJson(text) is { } json && InRange(json))
        {
            return json;
        }

        var labelled = LabelledScore().Matches(text);
        for (var i = labelled.Count - 1; i >= 0; i--)
        {
            if (Parse(labelled[i].Groups["n"].Value) is { } v && InRange(v))
            {
                return v;
            }
        }

        var outOf = OutOf().Matches(text);
        for (var i = outOf.Count - 1; i >= 0; i--)
        {
            if (Parse(outOf[i].Groups["n"].Value) is { } v && Parse(outOf[i].Groups["max"].Value) is { } m && m == max && InRange(v))
            {
                return v;
            }
        }

        return Parse(text.TrimEnd('.')) is { } only && InRange(only) ? only : null;

        bool InRange(double v) => v >= min && v <= max;
    }

    /// <summary>
    /// Reads a pairwise verdict: 1 (first response better), 2 (second) or 0 (tie), from the last
    /// "winner/verdict/better: 1|2|A|B|tie" line, or a reply that is only one of those tokens; <see langword="null"/> otherwise.
    /// </summary>
    public static int? ParseVerdict(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var matches = Verdict().Matches(reply);
        var token = matches.Count > 0 ? matches[^1].Groups["v"].Value : reply.Trim().Trim('.', '*', '"', '\'', ' ');
        return token.ToUpperInvariant() switch
        {
            "1" or "A" or "RESPONSE 1" or "RESPONSE A" => 1,
            "2" or "B" or "RESPONSE 2" or "RESPONSE B" => 2,
            "TIE" or "0" or "EQUAL" or "DRAW" => 0,
            _ => null,
        };
    }

    private static double? TryJson(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(text[start..(end + 1)]);
            foreach (var name in (string[])["score", "Score", "rating", "Rating"])
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value))
                {
                    return value.ValueKind switch
                    {
                        JsonValueKind.Number => value.GetDouble(),
                        JsonValueKind.String => Parse(value.GetString()!),
                        _ => null,
                    };
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static double? Parse(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    [GeneratedRegex(@"(?:score|rating|grade)\s*\**\s*[:=]?\s*\**\s*(?<n>-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledScore();

    [GeneratedRegex(@"(?<n>-?\d+(?:\.\d+)?)\s*(?:/|out\s+of)\s*(?<max>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOf();

    [GeneratedRegex(@"(?:winner|verdict|better|preferred|choice)\s*\**\s*[:=]\s*\**\s*(?<v>response\s+[12ab]|[12ab]|tie|equal|draw)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Verdict();
}
