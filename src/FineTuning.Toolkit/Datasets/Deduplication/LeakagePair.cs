namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>An example of the checked file whose prompt also appears (exactly or nearly) in the reference file.</summary>
/// <param name="ReferenceLine">The 1-based line in the reference (usually training) file.</param>
/// <param name="Line">The 1-based line in the checked (validation or evaluation) file.</param>
/// <param name="Kind">Exact or near overlap.</param>
/// <param name="Similarity">1 for exact overlap, otherwise the MinHash estimate of the Jaccard similarity.</param>
public sealed record LeakagePair(long ReferenceLine, long Line, DuplicateKind Kind, double Similarity);
