namespace FineTuning.Toolkit.Models;

/// <summary>The dates that decide whether a base model can still be fine-tuned and how long its fine-tunes live.</summary>
/// <remarks>A fine-tuned model dies with its base: when <see cref="FineTunedRetiresOn"/> (or, if unknown,
/// <see cref="BaseModelRetiresOn"/>) passes, inference on every fine-tune of the model stops.</remarks>
public sealed record ModelLifecycle
{
    /// <summary>Gets the provider's status label (e.g. <c>ga</c>, <c>deprecated</c>, <c>legacy</c>, <c>invitation-only</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the first day on which the provider refuses new training jobs for the model, when known.</summary>
    public DateOnly? TrainingEndsOn { get; init; }

    /// <summary>Gets the day the base model was announced as deprecated, when known.</summary>
    public DateOnly? DeprecatedOn { get; init; }

    /// <summary>Gets the day the base model is shut down (first day it no longer works), when known.</summary>
    public DateOnly? BaseModelRetiresOn { get; init; }

    /// <summary>Gets the day inference on fine-tunes of the model stops, when known.</summary>
    public DateOnly? FineTunedRetiresOn { get; init; }

    /// <summary>Gets a value indicating whether the dates come from secondary or conflicting sources (see the entry's notes).</summary>
    public bool Uncertain { get; init; }

    /// <summary>Gets the day fine-tunes stop working: <see cref="FineTunedRetiresOn"/>, else <see cref="BaseModelRetiresOn"/>.</summary>
    public DateOnly? EffectiveFineTunedRetirement => FineTunedRetiresOn ?? BaseModelRetiresOn;
}
