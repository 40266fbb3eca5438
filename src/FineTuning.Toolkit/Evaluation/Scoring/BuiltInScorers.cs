using System.Globalization;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>The scorers every <see cref="EvalScorerRegistry"/> starts with.</summary>
internal static class BuiltInScorers
{
    public static void RegisterAll(EvalScorerRegistry registry)
    {
        registry
            .Register("exact", "Output equals the reference after trimming.", _ => new ExactMatchScorer())
            .Register("normalized-exact", "Output equals the reference ignoring case, punctuation, articles and whitespace.", _ => new ExactMatchScorer(normalize: true))
            .Register("contains", "Output contains the argument text, or the reference when no argument (case-insensitive).", c => new ContainsScorer(NullIfEmpty(c.Argument)))
            .Register("regex", "Output matches the argument (a .NET regular expression).", c => new RegexScorer(c.Argument ?? throw new ArgumentException("regex needs a pattern: regex:<pattern>.")));
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static double ParseDouble(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{what} must be a number, got '{text}'.");
}
