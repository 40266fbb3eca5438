using FineTuning.Toolkit.Evaluation.Running;
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

    public static string P(double p) => MultipleComparisons.FormatP(p);

    public static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Better => "better",
        ComparisonVerdict.Worse => "worse",
        _ => "no significant difference",
    };

    /// <summary>The non-inferiority verdict, e.g. "non-inferior (Δ ≥ −0.03)", or an empty string without a margin.</summary>
    public static string NonInferiority(NonInferiorityResult? ni) => ni is null ? string.Empty
        : ni.IsNonInferior ? $"non-inferior (margin {N(ni.Margin)})" : $"not shown non-inferior (margin {N(ni.Margin)})";

    /// <summary>The one-sided lower bound of Δ used for non-inferiority, or "–".</summary>
    public static string LowerBound(NonInferiorityResult? ni) => ni is null ? "–" : $"{Signed(ni.LowerBound)} vs −{N(ni.Margin)}";

    /// <summary>The items needed for the minimum effect, shown only when the result is not significant (a significant result needs no more items).</summary>
    public static string ItemsNeeded(PairedComparisonResult c) =>
        c.Verdict == ComparisonVerdict.NoSignificantDifference && c.ItemsNeededForMinimumEffect is { } n ? $"{I(n)} (δ={N(c.MinimumEffect)})" : "–";

    /// <summary>The bootstrap p-value, Holm-adjusted when the comparison is one of several.</summary>
    public static string PValue(PairedComparisonResult c) => c.PValue is not { } p ? "–"
        : c.AdjustedPValue is { } adjusted ? $"{P(p)} (Holm {P(adjusted)})" : P(p);

    /// <summary>The note on the multiple-comparison correction, or <see langword="null"/> with at most one comparison.</summary>
    public static string? HolmNote(EvaluationReport r) => r.Comparisons.Count < 2 ? null
        : $"The {I(r.Comparisons.Count)} comparisons (targets × scorers) are corrected together with Holm's step-down method (Holm 1979): a verdict is better or worse only when its CI excludes 0 and its Holm-adjusted bootstrap p-value is below {N(1 - (r.Comparisons[0].DifferenceInterval?.Level ?? 0.95))}; non-inferiority p-values are corrected as a separate family. McNemar p-values are shown unadjusted.";

    /// <summary>What the classification counts are: items (majority answer of their samples) or samples.</summary>
    public static string CountedAs(ClassificationMetrics m) => m.Samples > m.Total
        ? $"n = {I(m.Total)} items (each counted once, with the majority answer of its samples; {I(m.Samples)} samples)"
        : $"n = {I(m.Total)}";

    /// <summary>The reminder that "no significant difference" is not equivalence, when some verdict says so.</summary>
    public static string? EquivalenceCaveat(EvaluationReport r) =>
        r.Comparisons.Any(c => c.Verdict == ComparisonVerdict.NoSignificantDifference && c.NonInferiority is null)
            ? "\"No significant difference\" does not show that the targets are equivalent; to show that a candidate is not worse than the baseline by more than D, set a non-inferiority margin (--margin D)."
            : null;

    public static string Shift(BiasShift shift) => shift switch
    {
        BiasShift.Reinforced => "reinforced",
        BiasShift.Mitigated => "mitigated",
        BiasShift.Introduced => "introduced",
        BiasShift.Reversed => "reversed",
        BiasShift.Collapsed => "collapsed",
        _ => "unchanged",
    };

    public static string I(int value) => value.ToString(Inv);

    /// <summary>The lineage as (label, value) rows, in a fixed order, skipping what is unknown.</summary>
    public static IEnumerable<(string Key, string Value)> LineageRows(EvalLineage l)
    {
        yield return ("toolkit version", l.ToolkitVersion);
        if (l.EvalSet is not null) yield return ("evaluation set", l.EvalSet);
        if (l.EvalSetSha256 is not null) yield return ("evaluation set sha256", l.EvalSetSha256);
        if (l.TrainingSha256 is not null) yield return ("training data sha256", l.TrainingSha256);
        if (l.ValidationSha256 is not null) yield return ("validation data sha256", l.ValidationSha256);
        foreach (var (target, model) in l.Models) yield return ("model of " + target, model);
        foreach (var (target, job) in l.Jobs) yield return ("job of " + target, job);
        if (l.JudgeModel is not null) yield return ("judge model", l.JudgeModel);
        if (l.EmbeddingModel is not null) yield return ("embedding model", l.EmbeddingModel);
    }

    /// <summary>The change of a tested gap with its interval, e.g. <c>+0.909 [+0.456, +1.36]</c>, or a dash.</summary>
    public static string GapChange(BiasGapChange c) =>
        c.GapChange is { } d ? d.ToString("+0.###;-0.###;0", Inv) + (c.GapChangeInterval is { } ci ? string.Create(Inv, $" [{ci.Lower:+0.###;-0.###;0}, {ci.Upper:+0.###;-0.###;0}]") : string.Empty) : "–";

    /// <summary>The Holm-adjusted p of a tested gap change, with a star when significant, or a dash.</summary>
    public static string GapP(BiasGapChange c) =>
        c.AdjustedPValue is { } p ? (p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", Inv)) + (c.Significant ? " *" : string.Empty) : "–";

    /// <summary>The sentence shown when the candidate collapsed.</summary>
    public static string Collapse(BiasProbeComparison bias) =>
        string.Create(Inv, $"{bias.Candidate} gives one answer (\"{bias.CandidateDominantAnswer}\") to {bias.CandidateDominantShare:P0} of the probe prompts: its gaps vanish because it stopped answering, so shrunken gaps are marked collapsed, not mitigated.");
}
