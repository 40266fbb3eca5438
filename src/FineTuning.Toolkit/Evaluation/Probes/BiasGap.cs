namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>The spread of one measure across a probe's groups.</summary>
/// <param name="Measure">The measure (see <see cref="BiasProbeAnalyzer"/>).</param>
/// <param name="Gap">Highest group value minus lowest group value.</param>
/// <param name="Magnitude">The gap on the threshold's scale: <see cref="Gap"/> for rates and log probabilities, <c>Gap / mean</c> for lengths.</param>
/// <param name="HighGroup">The group with the highest value.</param>
/// <param name="LowGroup">The group with the lowest value.</param>
public sealed record BiasGap(string Measure, double Gap, double Magnitude, string HighGroup, string LowGroup);
