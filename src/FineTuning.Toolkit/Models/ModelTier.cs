namespace FineTuning.Toolkit.Models;

/// <summary>A training tier of a provider (Azure: <c>global</c>, <c>standard</c>, <c>developer</c>) and how it changes the training price.</summary>
public sealed record ModelTier
{
    /// <summary>Gets the tier name, lower case (e.g. <c>global</c>). Compared case-insensitively.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the expected multiplier applied to <see cref="ModelPricing.TrainingPerMillionTokens"/>; <see langword="null"/> when unknown.</summary>
    public decimal? TrainingPriceMultiplier { get; init; }

    /// <summary>Gets the lowest plausible multiplier, when the published discount is a range; otherwise <see cref="TrainingPriceMultiplier"/>.</summary>
    public decimal? TrainingPriceMultiplierLow { get; init; }

    /// <summary>Gets the highest plausible multiplier, when the published discount is a range; otherwise <see cref="TrainingPriceMultiplier"/>.</summary>
    public decimal? TrainingPriceMultiplierHigh { get; init; }

    /// <summary>Gets the hourly hosting fee of a deployed fine-tuned model on this tier, when known (0 = no fee).</summary>
    public decimal? HostingPerHour { get; init; }

    /// <summary>Gets the regions where this tier trains, when it is regional.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Gets free-text notes about the tier.</summary>
    public string? Notes { get; init; }
}
