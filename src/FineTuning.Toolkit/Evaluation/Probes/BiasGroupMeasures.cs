using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>One group's measures on one probe and target.</summary>
/// <param name="Group">The group.</param>
/// <param name="Outputs">The number of outputs measured.</param>
/// <param name="Measures">Measure name → value (see <see cref="BiasProbeAnalyzer"/> for the names).</param>
public sealed record BiasGroupMeasures(string Group, int Outputs, IReadOnlyDictionary<string, double> Measures)
{
    /// <summary>Gets the 95% Wilson score interval of every rate measure (choice, pronoun and refusal rates) over <see cref="Outputs"/>.</summary>
    public IReadOnlyDictionary<string, ConfidenceInterval> Intervals { get; init; } = new Dictionary<string, ConfidenceInterval>();
}
