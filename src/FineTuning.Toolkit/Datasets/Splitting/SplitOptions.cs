namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>Options for <see cref="DatasetSplitter"/>.</summary>
public sealed class SplitOptions
{
    /// <summary>Gets or sets the fraction of examples that go to the validation file.</summary>
    /// <value>The default is 0.1. Must be in (0, 1).</value>
    public double ValidationRatio { get; set; } = 0.1;

    /// <summary>Gets or sets the seed; the same seed and the same file always give the same split.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the field to stratify by: a JSON path (<c>$.metadata.label</c>, <c>messages[-1].content</c>) or a bare metadata key (<c>label</c>).</summary>
    /// <value>The default is <see langword="null"/>: no stratification.</value>
    public string? StratifyBy { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each stratum (or the whole file) gets exactly <c>round(n × ratio)</c> validation
    /// examples. This reads the file twice and keeps one number per example in memory. When <see langword="false"/>, one
    /// streaming pass assigns each example from a hash of its bytes, and the ratio holds on average.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ExactRatio { get; set; }

    internal void Validate()
    {
        if (ValidationRatio is <= 0 or >= 1 || double.IsNaN(ValidationRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationRatio), ValidationRatio, "The validation ratio must be greater than 0 and less than 1.");
        }
    }
}
