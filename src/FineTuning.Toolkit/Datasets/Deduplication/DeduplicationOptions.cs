namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Options for <see cref="DatasetDeduplicator"/>.</summary>
public sealed class DeduplicationOptions
{
    /// <summary>Gets or sets how text is normalised before comparison.</summary>
    /// <value>The default is NFKC, case-insensitive, white space collapsed.</value>
    public TextNormalizationOptions Normalization { get; set; } = new();

    /// <summary>Gets or sets the near-duplicate settings, or <see langword="null"/> for exact de-duplication only.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public NearDuplicateOptions? NearDuplicates { get; set; }

    /// <summary>Gets or sets which part of each example is compared.</summary>
    /// <value>The default is <see cref="DeduplicationScope.WholeExample"/>.</value>
    public DeduplicationScope Scope { get; set; } = DeduplicationScope.WholeExample;

    /// <summary>
    /// Gets or sets a value indicating whether a line whose prompt repeats an earlier line's prompt with a different answer (a
    /// <see cref="DuplicateConflict"/>) is dropped.
    /// </summary>
    /// <value>The default is <see langword="false"/>: conflicting lines are reported and both are kept, even when the prompt scope
    /// or near matching would call them duplicates.</value>
    public bool DropConflicts { get; set; }
}
