namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Options for <see cref="LeakageDetector"/>.</summary>
public sealed class LeakageOptions
{
    /// <summary>Gets or sets how text is normalised before comparison.</summary>
    /// <value>The default is NFKC, case-insensitive, white space collapsed.</value>
    public TextNormalizationOptions Normalization { get; set; } = new();

    /// <summary>Gets or sets the near-overlap settings, or <see langword="null"/> for exact overlap only.</summary>
    /// <value>The default is a Jaccard threshold of 0.85 over word 3-shingles.</value>
    public NearDuplicateOptions? NearDuplicates { get; set; } = new();

    /// <summary>Gets or sets which part of each example is compared.</summary>
    /// <value>The default is <see cref="DeduplicationScope.Prompt"/>: what the user says.</value>
    public DeduplicationScope Scope { get; set; } = DeduplicationScope.Prompt;
}
