namespace FineTuning.Toolkit.Migration;

/// <summary>One base model a fine-tuned model could be retrained on, from the model catalog.</summary>
public sealed record ReplacementCandidate
{
    /// <summary>Gets the base model to train.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the provider (<c>azure</c>, …).</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the kind: <c>same_base</c>, <c>newer_base</c>, <c>older_base</c> (an earlier snapshot) or <c>open_weight</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets a value indicating whether new training jobs can still start on it (by the catalog's dates).</summary>
    public bool TrainingAvailable { get; init; }

    /// <summary>Gets when training on it ends (training retirement), if known.</summary>
    public DateOnly? TrainingEndsOn { get; init; }

    /// <summary>Gets when a model fine-tuned on it stops being served (deployment retirement), if known.</summary>
    public DateOnly? DeploymentRetiresOn { get; init; }

    /// <summary>Gets a value indicating whether the catalog marks these dates as uncertain.</summary>
    public bool DatesUncertain { get; init; }

    /// <summary>Gets the tier the estimate assumes (Azure training type), if any.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the expected training cost in USD, when the catalog prices it.</summary>
    public decimal? TrainingCostUsd { get; init; }

    /// <summary>Gets the highest training cost in USD the estimate allows for.</summary>
    public decimal? TrainingCostHighUsd { get; init; }

    /// <summary>Gets the hosting price per hour of a deployment in USD (Azure), when the catalog has one.</summary>
    public decimal? HostingPerHourUsd { get; init; }

    /// <summary>Gets the fine-tuned inference price per million input tokens, when known.</summary>
    public decimal? InputPerMillionUsd { get; init; }

    /// <summary>Gets the fine-tuned inference price per million output tokens, when known.</summary>
    public decimal? OutputPerMillionUsd { get; init; }

    /// <summary>Gets the problems of the training data for this model (profile and model rules, first ones).</summary>
    public IReadOnlyList<string> DataErrors { get; init; } = [];

    /// <summary>Gets warnings (catalog findings such as a near retirement).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
