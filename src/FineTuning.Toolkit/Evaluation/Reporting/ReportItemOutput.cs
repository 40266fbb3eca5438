namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>One answer of one target to one item, with its scores.</summary>
/// <param name="Target">The target.</param>
/// <param name="Sample">The sample index.</param>
/// <param name="Output">The answer (shortened to <see cref="EvaluationReportBuilder.MaxOutputCharacters"/>), or <see langword="null"/> when the call failed.</param>
/// <param name="Error">The call's error, or <see langword="null"/>.</param>
/// <param name="Scores">Scorer name → value (<see langword="null"/> when that scorer failed on this answer).</param>
public sealed record ReportItemOutput(string Target, int Sample, string? Output, string? Error, IReadOnlyDictionary<string, double?> Scores);
