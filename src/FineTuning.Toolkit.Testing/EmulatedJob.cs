namespace FineTuning.Toolkit.Testing;

/// <summary>A snapshot of one emulated fine-tuning job, for test assertions.</summary>
/// <param name="Id">The job id (<c>ftjob-…</c>).</param>
/// <param name="Model">The resolved base model.</param>
/// <param name="Status">The status at the time of the snapshot (an open string, e.g. <c>paused</c>).</param>
/// <param name="TrainingFileId">The training file id.</param>
/// <param name="FineTunedModel">The fine-tuned model once the job succeeded.</param>
/// <param name="Metadata">The job's metadata (empty when none).</param>
/// <param name="TrainedTokens">Billed tokens once the job succeeded.</param>
/// <param name="StepsDone">Training steps completed.</param>
/// <param name="TotalSteps">Training steps planned (0 before validation).</param>
public sealed record EmulatedJob(
    string Id,
    string Model,
    string Status,
    string TrainingFileId,
    string? FineTunedModel,
    IReadOnlyDictionary<string, string> Metadata,
    long? TrainedTokens,
    int StepsDone,
    int TotalSteps);
