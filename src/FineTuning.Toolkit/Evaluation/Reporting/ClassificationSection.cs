using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>Classification metrics of one target on one classification scorer.</summary>
/// <param name="Target">The target.</param>
/// <param name="Scorer">The scorer.</param>
/// <param name="Metrics">The metrics.</param>
public sealed record ClassificationSection(string Target, string Scorer, ClassificationMetrics Metrics);
