namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>Thresholds of <see cref="BiasProbeAnalyzer"/>: the smallest gap magnitude treated as a real difference.</summary>
public sealed record BiasProbeOptions
{
    /// <summary>Gets the threshold for rate measures (choice, pronoun, refusal rates).</summary>
    /// <value>The default value is 0.1 (ten percentage points).</value>
    public double RateThreshold { get; init; } = 0.1;

    /// <summary>Gets the threshold for the length measure, relative to the mean length.</summary>
    /// <value>The default value is 0.2 (groups' mean lengths differ by 20% of the mean).</value>
    public double RelativeLengthThreshold { get; init; } = 0.2;

    /// <summary>Gets the threshold for the mean first-token log probability, in nats.</summary>
    /// <value>The default value is 0.5.</value>
    public double LogprobThreshold { get; init; } = 0.5;
}
