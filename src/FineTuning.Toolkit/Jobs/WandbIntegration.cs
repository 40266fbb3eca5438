namespace FineTuning.Toolkit.Jobs;

/// <summary>Reports a job's metrics to Weights &amp; Biases (an org admin must first authorise W&amp;B on the platform).</summary>
public sealed class WandbIntegration
{
    /// <summary>Gets the W&amp;B project (required).</summary>
    public required string Project { get; init; }

    /// <summary>Gets the run display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the W&amp;B entity (team or user).</summary>
    public string? Entity { get; init; }

    /// <summary>Gets the tags (at most 50, each at most 64 characters).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
