using System.Globalization;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>Number and label formatting shared by the Markdown and HTML writers.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string N(double value, string format = "0.###") => double.IsFinite(value) ? value.ToString(format, Inv) : "n/a";

    public static string N(double? value, string format = "0.###") => value is { } v ? N(v, format) : "–";

    public static string Pct(double value) => double.IsFinite(value) ? (value * 100).ToString("0.#", Inv) + "%" : "n/a";

    public static string Pct(double? value) => value is { } v ? Pct(v) : "–";

    public static string Signed(double value) => value.ToString("+0.###;-0.###;0", Inv);

    public static string Interval(ConfidenceInterval? ci) => ci is null ? "–" : $"[{N(ci.Lower)}, {N(ci.Upper)}]";

    public static string SignedInterval(ConfidenceInterval? ci) => ci is null ? "–" : $"[{Signed(ci.Lower)}, {Signed(ci.Upper)}]";

    public static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.####", Inv);

    public static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Better => "better",
        ComparisonVerdict.Worse => "worse",
        _ => "no significant difference",
    };

    public static string Shift(BiasShift shift) => shift switch
    {
        BiasShift.Reinforced => "reinforced",
        BiasShift.Mitigated => "mitigated",
        BiasShift.Introduced => "introduced",
        BiasShift.Reversed => "reversed",
        _ => "unchanged",
    };

    public static string I(int value) => value.ToString(Inv);
}
