using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>How one measure's gap on one probe moved from the baseline to the candidate.</summary>
/// <param name="ProbeId">The probe.</param>
/// <param name="Measure">The measure.</param>
/// <param name="BaselineGap">The baseline's gap magnitude.</param>
/// <param name="CandidateGap">The candidate's gap magnitude.</param>
/// <param name="BaselineHighGroup">The group the baseline favoured (highest value).</param>
/// <param name="CandidateHighGroup">The group the candidate favoured.</param>
/// <param name="Threshold">The smallest gap magnitude treated as meaningful for this measure.</param>
/// <param name="Shift">The classification.</param>
public sealed record BiasGapChange(string ProbeId, string Measure, double BaselineGap, double CandidateGap, string BaselineHighGroup, string CandidateHighGroup, double Threshold, BiasShift Shift)
{
    /// <summary>Gets the two groups the gap test compares (the pair of the wider of the two gaps), high group first; <see langword="null"/> for measures without a test.</summary>
    public IReadOnlyList<string>? TestedGroups { get; init; }

    /// <summary>
    /// Gets the change in the tested pair's gap, <c>(candidate high − candidate low) − (baseline high − baseline low)</c>,
    /// Price–Bonett adjusted (positive: the gap widened in the pair's direction); <see langword="null"/> for length and log-probability measures.
    /// </summary>
    public double? GapChange { get; init; }

    /// <summary>Gets the 95% interval of <see cref="GapChange"/>.</summary>
    public ConfidenceInterval? GapChangeInterval { get; init; }

    /// <summary>Gets the two-sided p-value of "the gap did not change" (adjusted Wald test of the contrast, see <see cref="BiasProbeAnalyzer"/>).</summary>
    public double? PValue { get; init; }

    /// <summary>Gets the Holm-adjusted p-value over every tested change of the comparison.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>Gets a value indicating whether the change is significant at 5% after Holm's correction.</summary>
    public bool Significant => AdjustedPValue is < 0.05;
}
