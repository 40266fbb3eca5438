namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>How one stratum was split.</summary>
/// <param name="Value">The stratum value (<c>(missing)</c> when the field is absent).</param>
/// <param name="Training">Examples of this stratum in the training file.</param>
/// <param name="Validation">Examples of this stratum in the validation file.</param>
public sealed record SplitStratum(string Value, long Training, long Validation);
