namespace FineTuning.Toolkit.Models;

/// <summary>List prices of one base model. Every price is optional: <see langword="null"/> means "not known to the catalog".</summary>
/// <remarks>Prices change; treat them as the catalog's last reading (see <see cref="ModelCatalogEntry.AsOf"/>) and override them
/// through <see cref="ModelCatalogOptions"/> when you know better.</remarks>
public sealed record ModelPricing
{
    /// <summary>Gets the ISO currency code of every price in this record.</summary>
    /// <value>The default value is <c>USD</c>.</value>
    public string Currency { get; init; } = "USD";

    /// <summary>Gets the price of one million trained tokens (tokens × epochs), for token-billed methods (SFT, DPO).</summary>
    public decimal? TrainingPerMillionTokens { get; init; }

    /// <summary>Gets the price of one hour of core training time, for time-billed methods (reinforcement fine-tuning).</summary>
    public decimal? TrainingPerHour { get; init; }

    /// <summary>Gets the base model's inference price per million input tokens.</summary>
    public decimal? InputPerMillionTokens { get; init; }

    /// <summary>Gets the base model's inference price per million output tokens.</summary>
    public decimal? OutputPerMillionTokens { get; init; }

    /// <summary>Gets the fine-tuned model's inference price per million input tokens.</summary>
    public decimal? FineTunedInputPerMillionTokens { get; init; }

    /// <summary>Gets the fine-tuned model's inference price per million output tokens.</summary>
    public decimal? FineTunedOutputPerMillionTokens { get; init; }

    /// <summary>Gets the Batch API discount on inference as a fraction (0.5 = half price), when known.</summary>
    public decimal? BatchDiscount { get; init; }

    /// <summary>Gets a value indicating whether training is billed by time rather than by tokens.</summary>
    public bool IsTrainingBilledByTime => TrainingPerMillionTokens is null && TrainingPerHour is not null;
}
