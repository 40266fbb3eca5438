namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>The recommended checkpoint or job of a sweep, with the reasoning.</summary>
/// <param name="Recommended">The recommended candidate.</param>
/// <param name="Reason">Why, in one or two sentences.</param>
/// <param name="Ranked">All candidates, best first (score, then the tie-breaks).</param>
/// <param name="Tied">The candidates within the tie tolerance of the best score (including the recommended one).</param>
/// <param name="Warnings">Overfitting and data warnings.</param>
public sealed record SweepRecommendation(SweepCandidate Recommended, string Reason, IReadOnlyList<SweepCandidate> Ranked, IReadOnlyList<SweepCandidate> Tied, IReadOnlyList<string> Warnings)
{
    /// <summary>Gets a value indicating whether any overfitting warning was raised.</summary>
    public bool OverfittingSuspected => Warnings.Any(w => w.StartsWith("Overfitting", StringComparison.Ordinal));
}
