namespace FineTuning.Toolkit.Migration;

/// <summary>What <see cref="MigrationFolder.PlanAsync"/> found: per fine-tuned model, the replacements a provider offers and what they cost.</summary>
public sealed record MigrationPlan
{
    /// <summary>Gets the target provider (<c>azure</c>, <c>together</c> or <c>compatible</c>).</summary>
    public required string Target { get; init; }

    /// <summary>Gets the date the plan was made for (lifecycle dates are compared with it).</summary>
    public DateOnly Today { get; init; }

    /// <summary>Gets the plan of every model in the snapshot.</summary>
    public IReadOnlyList<ModelMigrationPlan> Models { get; init; } = [];

    /// <summary>Gets notes that apply to the whole plan (catalog gaps, uncertain dates).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
