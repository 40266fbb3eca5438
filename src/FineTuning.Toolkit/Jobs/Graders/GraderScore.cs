namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>What a grader gave one sample locally: a score, or why it could not be computed here.</summary>
/// <param name="Score">The score, or <see langword="null"/> when it was not computed.</param>
/// <param name="NotRunnable">Why the grader cannot run locally (e.g. a python grader), or <see langword="null"/>.</param>
/// <param name="Error">Why this sample failed (a template that names a missing field, a model call that failed), or <see langword="null"/>.</param>
public sealed record GraderScore(double? Score, string? NotRunnable = null, string? Error = null);
