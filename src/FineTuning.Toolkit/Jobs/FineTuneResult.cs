namespace FineTuning.Toolkit.Jobs;

/// <summary>The result of <see cref="FineTuningWorkflow.FineTuneAsync"/>.</summary>
public sealed class FineTuneResult
{
    /// <summary>Gets how the run ended.</summary>
    public required FineTuneOutcome Outcome { get; init; }

    /// <summary>Gets the plan.</summary>
    public required FineTuningPlan Plan { get; init; }

    /// <summary>Gets the job (the final state when the run waited), if one was created or found.</summary>
    public FineTuningJobInfo? Job { get; init; }

    /// <summary>Gets the uploaded training file, if uploaded.</summary>
    public DatasetUploadResult? TrainingFile { get; init; }

    /// <summary>Gets the uploaded validation file, if any.</summary>
    public DatasetUploadResult? ValidationFile { get; init; }
}
