namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>Options for <see cref="SensitiveDataScanner"/>.</summary>
public sealed class SensitiveDataScannerOptions
{
    /// <summary>Gets or sets the kinds to detect.</summary>
    /// <value>The default is <see langword="null"/>: every kind.</value>
    public IReadOnlyCollection<SensitiveDataKind>? Kinds { get; set; }

    /// <summary>Gets or sets exact values that are never reported (e.g. the public support address that appears in every answer). Compared case-insensitively.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyCollection<string> AllowedValues { get; set; } = [];

    /// <summary>Gets or sets how many characters of context a masked excerpt shows on each side of a match.</summary>
    /// <value>The default is 20. Must be between 0 and 200.</value>
    public int ExcerptContext { get; set; } = 20;
}
