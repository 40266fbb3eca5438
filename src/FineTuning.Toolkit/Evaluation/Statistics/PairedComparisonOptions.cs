namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Settings of <see cref="PairedComparison"/>.</summary>
public sealed record PairedComparisonOptions
{
    /// <summary>Gets the confidence level of the interval.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the number of bootstrap resamples.</summary>
    /// <value>The default value is 10,000.</value>
    public int Resamples { get; init; } = Bootstrap.DefaultResamples;

    /// <summary>Gets the bootstrap seed; the same seed gives the same interval.</summary>
    public ulong Seed { get; init; } = Bootstrap.DefaultSeed;

    /// <summary>Gets the largest per-item difference still counted as a tie in win/tie/loss.</summary>
    /// <value>The default value is 1e-9.</value>
    public double TieTolerance { get; init; } = 1e-9;

    /// <summary>Gets the smallest difference worth detecting; the result says how many items that needs.</summary>
    /// <value>The default value is 0.05.</value>
    public double MinimumEffect { get; init; } = 0.05;

    /// <summary>Gets the power used for the sample-size estimate.</summary>
    /// <value>The default value is 0.8.</value>
    public double Power { get; init; } = 0.8;

    /// <summary>
    /// Gets the equivalence margin: when set and the whole interval lies within ±margin, the result says the targets
    /// are equivalent within it (what a provider migration needs to show). <see langword="null"/> to skip.
    /// </summary>
    public double? EquivalenceMargin { get; init; }

    /// <summary>
    /// Gets the non-inferiority margin <c>D</c> (&gt; 0): when set, the result says whether the candidate is shown to be
    /// not worse than the baseline by more than <c>D</c> (the one-sided lower bound of the mean difference at
    /// <see cref="ConfidenceLevel"/> lies above −D). <see langword="null"/> to skip.
    /// </summary>
    public double? NonInferiorityMargin { get; init; }
}
