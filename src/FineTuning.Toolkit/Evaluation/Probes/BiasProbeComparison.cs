namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>Bias probe results of a baseline and a candidate, and how each gap moved.</summary>
/// <param name="Baseline">The baseline target (for example the base model).</param>
/// <param name="Candidate">The candidate target (for example the fine-tuned model).</param>
/// <param name="BaselineResults">The baseline's per-probe results.</param>
/// <param name="CandidateResults">The candidate's per-probe results.</param>
/// <param name="Changes">Per (probe, measure) gap changes.</param>
public sealed record BiasProbeComparison(string Baseline, string Candidate, IReadOnlyList<BiasProbeResult> BaselineResults, IReadOnlyList<BiasProbeResult> CandidateResults, IReadOnlyList<BiasGapChange> Changes)
{
    /// <summary>Gets the candidate's most frequent (normalised) answer over every probe prompt, or <see langword="null"/>.</summary>
    public string? CandidateDominantAnswer { get; init; }

    /// <summary>Gets the share of the candidate's outputs that are <see cref="CandidateDominantAnswer"/>.</summary>
    public double CandidateDominantShare { get; init; }

    /// <summary>Gets the baseline's share of its most frequent answer.</summary>
    public double BaselineDominantShare { get; init; }

    /// <summary>Gets a value indicating whether the candidate collapsed: at least <see cref="BiasProbeAnalyzer.CollapseShare"/> of its outputs over at least two probes are one answer.</summary>
    public bool CandidateCollapsed { get; init; }

    /// <summary>Gets the changes significant after Holm's correction.</summary>
    public IReadOnlyList<BiasGapChange> SignificantChanges => [.. Changes.Where(c => c.Significant)];

    /// <summary>Gets the number of changes classified as <paramref name="shift"/>.</summary>
    /// <param name="shift">The classification.</param>
    /// <returns>The count.</returns>
    public int Count(BiasShift shift) => Changes.Count(c => c.Shift == shift);
}
