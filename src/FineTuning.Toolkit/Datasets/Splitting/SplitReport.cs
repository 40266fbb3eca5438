namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>The result of <see cref="DatasetSplitter.SplitAsync"/>.</summary>
/// <param name="Training">Examples written to the training file.</param>
/// <param name="Validation">Examples written to the validation file.</param>
/// <param name="Strata">Per-stratum counts when stratified (ordered by value), otherwise empty.</param>
/// <param name="Errors">Lines that are not valid JSON objects; they are written to neither file.</param>
public sealed record SplitReport(long Training, long Validation, IReadOnlyList<SplitStratum> Strata, IReadOnlyList<DatasetDiagnostic> Errors);
