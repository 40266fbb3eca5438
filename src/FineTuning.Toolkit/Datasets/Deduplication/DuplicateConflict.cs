namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// A conflict found by de-duplication: a later line has the same prompt (after normalisation) as an earlier one but a different
/// answer. This is label noise, not a duplicate: both lines are kept unless <see cref="DeduplicationOptions.DropConflicts"/> is set.
/// </summary>
/// <param name="Line">The 1-based later line.</param>
/// <param name="ConflictsWithLine">The 1-based earlier line with the same prompt.</param>
/// <param name="Dropped">Whether the later line was dropped (<see cref="DeduplicationOptions.DropConflicts"/>).</param>
public sealed record DuplicateConflict(long Line, long ConflictsWithLine, bool Dropped);
