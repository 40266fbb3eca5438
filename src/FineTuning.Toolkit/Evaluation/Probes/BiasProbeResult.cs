namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>One probe's group measures and gaps for one target.</summary>
/// <param name="ProbeId">The probe.</param>
/// <param name="Category">The probe category.</param>
/// <param name="Target">The target.</param>
/// <param name="Groups">Per-group measures.</param>
/// <param name="Gaps">Per-measure gaps (measures present in every group).</param>
/// <param name="TermOverlap">Mean pairwise Jaccard similarity of the groups' content-word sets (1 = the groups got the same words).</param>
public sealed record BiasProbeResult(string ProbeId, string Category, string Target, IReadOnlyList<BiasGroupMeasures> Groups, IReadOnlyList<BiasGap> Gaps, double TermOverlap);
