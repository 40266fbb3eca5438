namespace FineTuning.Toolkit.Migration;

/// <summary>The migration plan of one fine-tuned model.</summary>
public sealed record ModelMigrationPlan
{
    /// <summary>Gets the fine-tuned model.</summary>
    public required string FineTunedModel { get; init; }

    /// <summary>Gets its base model.</summary>
    public string? BaseModel { get; init; }

    /// <summary>Gets when training on the base model ends on the original provider (model catalog).</summary>
    public DateOnly? TrainingEndsOn { get; init; }

    /// <summary>Gets when the fine-tuned model stops answering on the original provider (model catalog).</summary>
    public DateOnly? RetiresOn { get; init; }

    /// <summary>Gets the training file in the snapshot (already in the chat format every target reads).</summary>
    public string? TrainingFile { get; init; }

    /// <summary>Gets the training examples found.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>Gets the problems of the training data under the target provider's validation profile (first ones).</summary>
    public IReadOnlyList<string> DataErrors { get; init; } = [];

    /// <summary>Gets the validation profile the data was checked with.</summary>
    public string? Profile { get; init; }

    /// <summary>Gets the candidate replacements, best first (same base while it lasts, newer bases, open-weight models).</summary>
    public IReadOnlyList<ReplacementCandidate> Candidates { get; init; } = [];
}
