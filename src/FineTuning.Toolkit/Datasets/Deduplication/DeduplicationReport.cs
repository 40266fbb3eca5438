namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>The result of <see cref="DatasetDeduplicator.DeduplicateAsync"/>.</summary>
/// <param name="Examples">The number of readable examples.</param>
/// <param name="Kept">The number of examples kept (written to the output when one was given).</param>
/// <param name="Duplicates">Every dropped example with the earlier line it repeats, in file order.</param>
/// <param name="Errors">Lines that are not valid JSON objects; they are neither compared nor written.</param>
public sealed record DeduplicationReport(long Examples, long Kept, IReadOnlyList<DuplicateMatch> Duplicates, IReadOnlyList<DatasetDiagnostic> Errors)
{
    /// <summary>Gets the number of exact duplicates.</summary>
    public int ExactDuplicates => Duplicates.Count(d => d.Kind == DuplicateKind.Exact);

    /// <summary>Gets the lines whose prompt repeats an earlier prompt with a different answer, in file order; see <see cref="DuplicateConflict"/>.</summary>
    public IReadOnlyList<DuplicateConflict> Conflicts { get; init; } = [];

    /// <summary>Gets the number of near duplicates.</summary>
    public int NearDuplicates => Duplicates.Count(d => d.Kind == DuplicateKind.Near);
}
