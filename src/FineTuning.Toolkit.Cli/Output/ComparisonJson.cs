using System.Text.Json.Serialization;
using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>One paired comparison in <c>ftk eval --json</c> and <c>ftk compare --json</c>.</summary>
internal sealed record ComparisonJson(
    string Scorer,
    string Baseline,
    string Candidate,
    int PairedItems,
    int UnpairedItems,
    double BaselineMean,
    double CandidateMean,
    double MeanDifference,
    double? CiLow,
    double? CiHigh,
    double? CiLevel,
    double? PValue,
    [property: JsonPropertyName("p_value_holm")] double? PValueHolm,
    int ComparisonsCorrected,
    int Wins,
    int Ties,
    int Losses,
    [property: JsonPropertyName("mcnemar_p")] double? McNemarP,
    ComparisonVerdict Verdict,
    ComparisonJson.NonInferiorityJson? NonInferiority,
    string Reason,
    [property: JsonPropertyName("items_needed_for_min_effect")] int? ItemsNeededForMinEffect)
{
    /// <summary>Gets the McNemar mid-p beside the exact p (Fagerland, Lydersen and Laake 2013).</summary>
    [JsonPropertyName("mcnemar_mid_p")]
    public double? McNemarMidP { get; init; }

    /// <summary>The comparisons as records.</summary>
    public static IReadOnlyList<ComparisonJson> List(IEnumerable<PairedComparisonResult> comparisons) => [.. comparisons.Select(From)];

    private static ComparisonJson From(PairedComparisonResult c) => new(
        c.Scorer,
        c.Baseline,
        c.Candidate,
        c.PairedItems,
        c.UnpairedItems,
        c.BaselineMean,
        c.CandidateMean,
        c.MeanDifference,
        c.DifferenceInterval?.Lower,
        c.DifferenceInterval?.Upper,
        c.DifferenceInterval?.Level,
        c.PValue,
        c.AdjustedPValue,
        c.FamilySize,
        c.Wins,
        c.Ties,
        c.Losses,
        c.McNemar?.PValue,
        c.Verdict,
        c.NonInferiority is { } ni ? new NonInferiorityJson(ni.Margin, ni.Level, ni.LowerBound, ni.PValue, ni.AdjustedPValue, ni.IsNonInferior) : null,
        c.VerdictReason,
        c.Verdict == ComparisonVerdict.NoSignificantDifference ? c.ItemsNeededForMinimumEffect : null)
    {
        McNemarMidP = c.McNemar?.MidPValue,
    };

    /// <summary>The non-inferiority test.</summary>
    internal sealed record NonInferiorityJson(
        double Margin,
        double Level,
        double LowerBound,
        double PValue,
        [property: JsonPropertyName("p_value_holm")] double? PValueHolm,
        bool NonInferior);
}
