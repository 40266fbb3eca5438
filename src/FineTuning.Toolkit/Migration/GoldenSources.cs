namespace FineTuning.Toolkit.Migration;

/// <summary>Where the golden prompts of a <see cref="SnapshotModel"/> came from.</summary>
public static class GoldenSources
{
    /// <summary>The job's validation file (prompts with the expected answer as reference).</summary>
    public const string ValidationFile = "validation_file";

    /// <summary>An evaluation set given to the snapshot.</summary>
    public const string EvalSet = "eval_set";

    /// <summary>Prompts sampled (seeded) from the training file, when there was nothing else. The model saw them in training.</summary>
    public const string TrainingSample = "training_sample";
}
