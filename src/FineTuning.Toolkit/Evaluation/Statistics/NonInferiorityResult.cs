namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// The non-inferiority test of a paired comparison: is the candidate not worse than the baseline by more than the margin
/// <c>D</c>? Shown when the one-sided lower confidence bound of the mean difference <c>candidate − baseline</c> lies above
/// <c>−D</c> (H0: Δ ≤ −D is rejected at α = 1 − <see cref="Level"/>).
/// </summary>
/// <remarks>
/// "No significant difference" does not prove equivalence or non-inferiority; this test does, for the stated margin.
/// The margin must be chosen before looking at the results (see docs/evaluation.md for the formula and sources).
/// </remarks>
public sealed record NonInferiorityResult
{
    /// <summary>Gets the margin <c>D</c> (&gt; 0): the largest loss still accepted.</summary>
    public required double Margin { get; init; }

    /// <summary>Gets the one-sided confidence level of <see cref="LowerBound"/> (for example 0.95).</summary>
    public required double Level { get; init; }

    /// <summary>Gets the one-sided lower confidence bound of the mean difference (the (1 − level) quantile of the paired bootstrap).</summary>
    public required double LowerBound { get; init; }

    /// <summary>Gets the one-sided bootstrap p-value of H0: Δ ≤ −D (the share of resampled mean differences at or below −D).</summary>
    public required double PValue { get; init; }

    /// <summary>Gets the Holm-adjusted <see cref="PValue"/> when the comparison is one of several, otherwise <see langword="null"/>.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>Gets a value indicating whether non-inferiority is shown (lower bound above −D, and the adjusted p-value below α when adjusted).</summary>
    public required bool IsNonInferior { get; init; }
}
