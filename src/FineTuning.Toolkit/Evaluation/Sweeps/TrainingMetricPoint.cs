namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>One step of a fine-tuning job's metrics (as in the job's result CSV); absent values are <see langword="null"/>.</summary>
/// <param name="Step">The training step (1-based as reported).</param>
/// <param name="TrainLoss">The training loss at the step.</param>
/// <param name="ValidLoss">The validation loss at the step, when a validation file was given and it was computed.</param>
/// <param name="Epoch">The (possibly fractional) epoch, when known.</param>
/// <param name="TrainAccuracy">The training token accuracy, when reported.</param>
/// <param name="ValidAccuracy">The validation token accuracy, when reported.</param>
public sealed record TrainingMetricPoint(int Step, double? TrainLoss, double? ValidLoss = null, double? Epoch = null, double? TrainAccuracy = null, double? ValidAccuracy = null);
