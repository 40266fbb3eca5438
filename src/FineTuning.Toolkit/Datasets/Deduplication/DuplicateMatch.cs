namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>A duplicate found by de-duplication: the later line and the earlier line it repeats (which is kept).</summary>
/// <param name="Line">The 1-based line that was dropped.</param>
/// <param name="DuplicateOfLine">The 1-based earlier line that was kept.</param>
/// <param name="Kind">Exact or near duplicate.</param>
/// <param name="Similarity">The similarity: 1 for exact duplicates, the MinHash estimate of the Jaccard similarity for near duplicates.</param>
public sealed record DuplicateMatch(long Line, long DuplicateOfLine, DuplicateKind Kind, double Similarity);
