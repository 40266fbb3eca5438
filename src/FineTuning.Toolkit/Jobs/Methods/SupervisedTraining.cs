namespace FineTuning.Toolkit.Jobs.Methods;

/// <summary>Supervised fine-tuning (SFT) on chat examples: the default method.</summary>
public sealed class SupervisedTraining : TrainingMethod
{
    /// <inheritdoc/>
    public override string Type => "supervised";
}
