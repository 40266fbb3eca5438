namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>A word characteristic of the training text.</summary>
/// <param name="Word">The word (normalised).</param>
/// <param name="TrainingCount">Occurrences in the training text.</param>
/// <param name="BaselineCount">Occurrences in the baseline text.</param>
/// <param name="ZScore">The log-odds z-score (training vs baseline); larger is more characteristic.</param>
public sealed record DomainTerm(string Word, long TrainingCount, long BaselineCount, double ZScore);
