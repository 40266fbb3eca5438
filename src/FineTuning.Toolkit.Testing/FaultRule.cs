using System.Globalization;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Testing;

internal sealed record FaultDecision(EmulatorFaultKind Kind, TimeSpan Delay);

internal sealed class FaultAction
{
    public required EmulatorFaultKind Kind { get; init; }

    public required string Text { get; init; }

    /// <summary>Null: not counted; otherwise how many more matching requests this action takes.</summary>
    public int? Remaining { get; set; }

    public double? Probability { get; init; }

    public TimeSpan Delay { get; init; }
}

internal sealed partial class FaultRule
{
    private readonly Regex _path;

    private FaultRule(string method, string pattern, List<FaultAction> actions)
    {
        Method = method;
        Pattern = pattern;
        Actions = actions;
        _path = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
    }

    public string Method { get; }

    public string Pattern { get; }

    public List<FaultAction> Actions { get; }

    public long Seen { get; set; }

    public bool Matches(string method, string path) =>
        (Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && _path.IsMatch(path);

    public static List<FaultRule> ParseAll(string spec)
    {
        var rules = new List<FaultRule>();
        foreach (var raw in spec.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"Fault rule '{raw}' has no ':' (expected 'METHOD PATH: ACTION, ...').");
            }

            var head = raw[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2)
            {
                throw new FormatException($"Fault rule '{raw}' must start with a method and a path, e.g. 'POST /v1/fine_tuning/jobs:'.");
            }

            var method = head[0].ToUpperInvariant();
            if (method is not ("*" or "GET" or "POST" or "DELETE" or "PUT" or "PATCH"))
            {
                throw new FormatException($"Fault rule '{raw}': unknown method '{head[0]}'.");
            }

            var pattern = head[1];
            if (pattern != "*" && !pattern.StartsWith("/v1", StringComparison.Ordinal) && !pattern.StartsWith("/together/v1", StringComparison.Ordinal))
            {
                pattern = "/v1" + (pattern.StartsWith('/') ? pattern : "/" + pattern);
            }

            var actions = raw[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => ParseAction(a, raw)).ToList();
            if (actions.Count == 0)
            {
                throw new FormatException($"Fault rule '{raw}' has no actions.");
            }

            rules.Add(new FaultRule(method, pattern, actions));
        }

        return rules;
    }

    private static FaultAction ParseAction(string text, string rule)
    {
        var match = ActionPattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"Fault rule '{rule}': cannot read action '{text}' (expected e.g. 429*2, 500@10%, reset, lost*1, delay=200ms).");
        }

        var kindText = match.Groups["kind"].Value.ToLowerInvariant();
        var delay = TimeSpan.Zero;
        EmulatorFaultKind kind;
        if (kindText.StartsWith("delay", StringComparison.Ordinal))
        {
            kind = EmulatorFaultKind.Delay;
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            delay = match.Groups["unit"].Value == "s" ? TimeSpan.FromSeconds(amount) : TimeSpan.FromMilliseconds(amount);
        }
        else
        {
            kind = kindText switch
            {
                "429" => EmulatorFaultKind.RateLimited,
                "500" => EmulatorFaultKind.InternalServerError,
                "502" => EmulatorFaultKind.BadGateway,
                "503" => EmulatorFaultKind.ServiceUnavailable,
                "reset" => EmulatorFaultKind.ConnectionReset,
                "truncate" => EmulatorFaultKind.TruncatedResponse,
                "lost" => EmulatorFaultKind.LostResponse,
                _ => throw new FormatException($"Fault rule '{rule}': unknown fault '{kindText}' (use 429, 500, 502, 503, reset, truncate, lost or delay=Nms)."),
            };
        }

        int? count = match.Groups["count"].Success ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture) : null;
        double? probability = match.Groups["pct"].Success ? double.Parse(match.Groups["pct"].Value, CultureInfo.InvariantCulture) / 100.0 : null;
        if (probability is < 0 or > 1)
        {
            throw new FormatException($"Fault rule '{rule}': probability in '{text}' must be between 0% and 100%.");
        }

        return new FaultAction { Kind = kind, Text = text, Remaining = count, Probability = probability, Delay = delay };
    }

    [GeneratedRegex(@"^(?<kind>429|500|502|503|reset|truncate|lost|delay\s*=\s*(?<amount>\d+(?:\.\d+)?)(?<unit>ms|s))\s*(?:\*\s*(?<count>\d+)|@\s*(?<pct>\d+(?:\.\d+)?)\s*%)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();
}
