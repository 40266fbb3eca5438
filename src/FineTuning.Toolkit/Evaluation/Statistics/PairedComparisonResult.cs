namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>The paired comparison of a candidate target with a baseline on one scorer.</summary>
public sealed record PairedComparisonResult
{
    /// <summary>Gets the scorer compared.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the baseline target (for example the base model).</summary>
    public required string Baseline { get; init; }

    /// <summary>Gets the candidate target (for example the fine-tuned model).</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the number of items scored on both targets.</summary>
    public required int PairedItems { get; init; }

    /// <summary>Gets the number of items scored on only one of the two targets (left out of the comparison).</summary>
    public int UnpairedItems { get; init; }

    /// <summary>Gets the baseline's mean per-item score over the paired items.</summary>
    public required double BaselineMean { get; init; }

    /// <summary>Gets the candidate's mean per-item score over the paired items.</summary>
    public required double CandidateMean { get; init; }

    /// <summary>Gets the mean of <c>candidate − baseline</c> per item.</summary>
    public required double MeanDifference { get; init; }

    /// <summary>Gets the paired bootstrap interval of <see cref="MeanDifference"/>, or <see langword="null"/> with fewer than two paired items.</summary>
    public ConfidenceInterval? DifferenceInterval { get; init; }

    /// <summary>Gets the standard deviation of per-item differences (n − 1 denominator).</summary>
    public double DifferenceStandardDeviation { get; init; }

    /// <summary>Gets the items where the candidate scored higher.</summary>
    public int Wins { get; init; }

    /// <summary>Gets the items where both scored the same (within the tie tolerance).</summary>
    public int Ties { get; init; }

    /// <summary>Gets the items where the candidate scored lower.</summary>
    public int Losses { get; init; }

    /// <summary>Gets the McNemar table and p-value when both targets have pass/fail verdicts, otherwise <see langword="null"/>.</summary>
    public McNemarSummary? McNemar { get; init; }

    /// <summary>Gets the verdict (from the interval of the mean difference).</summary>
    public required ComparisonVerdict Verdict { get; init; }

    /// <summary>Gets the verdict in one sentence with its numbers.</summary>
    public required string VerdictReason { get; init; }

    /// <summary>Gets the smallest effect the sample-size estimate targets.</summary>
    public double MinimumEffect { get; init; }

    /// <summary>Gets the paired items needed to detect <see cref="MinimumEffect"/> with the observed spread, or <see langword="null"/> when it cannot be estimated (no spread).</summary>
    public int? ItemsNeededForMinimumEffect { get; init; }

    /// <summary>
    /// Gets the two-sided bootstrap p-value of "no mean difference" (the percentile interval inverted:
    /// <c>2·min(#{θ* ≤ 0}, #{θ* ≥ 0}) / B</c>), or <see langword="null"/> with fewer than two paired items.
    /// </summary>
    public double? PValue { get; init; }

    /// <summary>Gets the Holm-adjusted <see cref="PValue"/> when this comparison is one of <see cref="FamilySize"/> &gt; 1, otherwise <see langword="null"/>.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>Gets the number of comparisons corrected together (targets × scorers); 1 when the comparison stands alone.</summary>
    public int FamilySize { get; init; } = 1;

    /// <summary>Gets the non-inferiority test when <see cref="PairedComparisonOptions.NonInferiorityMargin"/> is set, otherwise <see langword="null"/>.</summary>
    public NonInferiorityResult? NonInferiority { get; init; }

    /// <summary>Gets whether the whole interval lies within ±<see cref="PairedComparisonOptions.EquivalenceMargin"/>, or <see langword="null"/> when no margin was set.</summary>
    public bool? EquivalentWithinMargin { get; init; }
}
