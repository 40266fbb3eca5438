using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Migration;

/// <summary>The same data and settings as a snapshotted model, ready for <see cref="FineTuningWorkflow.FineTuneAsync"/>.</summary>
/// <param name="TrainingPath">The training file in the snapshot folder.</param>
/// <param name="Request">The run settings (base model, validation file, method and hyperparameters, seed, suffix, lineage metadata).</param>
public sealed record MigrationRetrainRequest(string TrainingPath, FineTuneRequest Request);
