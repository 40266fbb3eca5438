namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Options for near-duplicate detection with MinHash signatures and locality-sensitive hashing (LSH) bands.</summary>
public sealed class NearDuplicateOptions
{
    /// <summary>Gets or sets the Jaccard similarity (0–1) at or above which two examples are near-duplicates.</summary>
    /// <value>The default is 0.85.</value>
    public double Threshold { get; set; } = 0.85;

    /// <summary>Gets or sets the number of MinHash functions per signature (more: a more precise similarity estimate, more memory).</summary>
    /// <value>The default is 128. Between 16 and 1024.</value>
    public int HashCount { get; set; } = 128;

    /// <summary>Gets or sets the shingle unit.</summary>
    /// <value>The default is <see cref="ShingleKind.Word"/>.</value>
    public ShingleKind Shingles { get; set; } = ShingleKind.Word;

    /// <summary>Gets or sets the shingle length (words or characters).</summary>
    /// <value>The default depends on <see cref="Shingles"/>: 3 for words, 5 for characters.</value>
    public int ShingleSize
    {
        get => _shingleSize ?? (Shingles == ShingleKind.Character ? 5 : 3);
        set => _shingleSize = value;
    }

    private int? _shingleSize;

    /// <summary>Gets or sets the seed of the hash functions (signatures are only comparable with the same seed).</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    internal void Validate()
    {
        if (Threshold is <= 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The near-duplicate threshold must be in (0, 1].");
        }

        if (HashCount is < 16 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(HashCount), HashCount, "The hash count must be between 16 and 1024.");
        }

        if (ShingleSize is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(ShingleSize), ShingleSize, "The shingle size must be between 1 and 64.");
        }
    }
}
