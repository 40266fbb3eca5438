namespace FineTuning.Toolkit.Datasets;

/// <summary>Options of <see cref="DatasetValidator"/>.</summary>
public sealed class DatasetValidationOptions
{
    /// <summary>Gets or sets the expected format; <see cref="DatasetFormat.Unknown"/> (the default) detects it from the first example.</summary>
    public DatasetFormat Format { get; set; } = DatasetFormat.Unknown;

    /// <summary>Gets or sets the provider rules.</summary>
    /// <value>The default value is <see cref="ValidationProfile.OpenAI"/>.</value>
    public ValidationProfile Profile { get; set; } = ValidationProfile.OpenAI;

    /// <summary>Gets or sets the base model the file will train, or <see langword="null"/> when unknown. It selects model-specific
    /// rules: for a gpt-oss model the Harmony format tokens (<c>&lt;|start|&gt;</c>, <c>&lt;|channel|&gt;</c>, ...) are errors.
    /// To pick the provider's rules as well, set <see cref="Profile"/> to <see cref="ValidationProfile.ForProvider(FineTuningProvider?, string?)"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets a value indicating whether the file is a validation file (the job's <c>validation_file</c>) rather than
    /// a training file: the platform documents its 10-example minimum for training files only, so a smaller validation file is not an error.</summary>
    public bool IsValidationFile { get; set; }

    /// <summary>Gets or sets how many errors the report keeps; the rest are still counted (<see cref="DatasetValidationReport.ErrorCount"/>, <see cref="DatasetValidationReport.Codes"/>).</summary>
    /// <value>The default value is 1000.</value>
    public int MaxErrors { get; set; } = 1000;

    /// <summary>Gets or sets how many warnings and infos the report keeps; the rest are still counted.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxWarnings { get; set; } = 1000;

    /// <summary>Gets or sets a value indicating whether exact duplicate lines are reported (costs a 16-byte slot per distinct example, 96 bits of the line's XXH128 and its line number, in tables kept 57-85% full: about 19 to 28 bytes per example).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DetectDuplicates { get; set; } = true;

    /// <summary>Gets the observers that see every example during the pass (e.g. token counting) and may add report sections.</summary>
    public IList<IDatasetExampleObserver> Observers { get; } = [];

    /// <summary>Gets or sets the reader options, or <see langword="null"/> for the defaults (the profile decides whether a byte-order mark is expected).</summary>
    public JsonlReaderOptions? ReaderOptions { get; set; }
}
