using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>One training configuration of a sweep with the workflow's plan for it.</summary>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Plan">The plan (validation, tokens, cost).</param>
public sealed record SweepConfigurationPlan(int Epochs, FineTuningPlan Plan);
