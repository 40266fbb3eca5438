namespace FineTuning.Toolkit.Datasets;

/// <summary>Options of <see cref="DatasetValidator"/>.</summary>
public sealed class DatasetValidationOptions
{
    /// <summary>Gets or sets the expected format; <see cref="DatasetFormat.Unknown"/> (the default) detects it from the first example.</summary>
    public DatasetFormat Format { get; set; } = DatasetFormat.Unknown;

    /// <summary>Gets or sets the provider rules.</summary>
    /// <value>The default value is <see cref="ValidationProfile.OpenAI"/>.</value>
    public ValidationProfile Profile { get; set; } = ValidationProfile.OpenAI;

    /// <summary>Gets or sets how many errors the report keeps; the rest are still counted (<see cref="DatasetValidationReport.ErrorCount"/>, <see cref="DatasetValidationReport.Codes"/>).</summary>
    /// <value>The default value is 1000.</value>
    public int MaxErrors { get; set; } = 1000;

    /// <summary>Gets or sets how many warnings and infos the report keeps; the rest are still counted.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxWarnings { get; set; } = 1000;

    /// <summary>Gets or sets a value indicating whether exact duplicate lines are reported (costs about 30 bytes of memory per example: a 64-bit hash and a line number).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DetectDuplicates { get; set; } = true;

    /// <summary>Gets the observers that see every example during the pass (e.g. token counting) and may add report sections.</summary>
    public IList<IDatasetExampleObserver> Observers { get; } = [];

    /// <summary>Gets or sets the reader options, or <see langword="null"/> for the defaults (the profile decides whether a byte-order mark is expected).</summary>
    public JsonlReaderOptions? ReaderOptions { get; set; }
}
