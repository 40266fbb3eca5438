namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>How text is normalised before two examples are compared (exact de-duplication, near-duplicates, leakage).</summary>
public sealed class TextNormalizationOptions
{
    /// <summary>Gets or sets a value indicating whether Unicode compatibility forms are folded (NFKC: full-width letters, ligatures, special spaces).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    /// <remarks>When the process runs with <c>InvariantGlobalization</c>, .NET cannot normalise; a built-in table then folds the common
    /// compatibility characters (full-width ASCII, ligatures, Unicode spaces, super/subscript digits, common dashes).</remarks>
    public bool UnicodeCompatibility { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether letter case is ignored.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool IgnoreCase { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether runs of white space collapse to one space and leading/trailing white space is ignored.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CollapseWhitespace { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether punctuation is ignored.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool IgnorePunctuation { get; set; }
}
