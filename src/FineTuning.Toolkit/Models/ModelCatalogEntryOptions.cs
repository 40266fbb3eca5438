namespace FineTuning.Toolkit.Models;

/// <summary>One catalog entry from configuration: every field is optional, and a field that is set replaces the built-in value.</summary>
public sealed class ModelCatalogEntryOptions
{
    /// <summary>Gets or sets the provider id (<c>openai</c>, <c>azure</c>, …).</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the model id (or an alias of an existing entry, which then is the entry overridden).</summary>
    public string? Id { get; set; }

    /// <summary>Gets the extra aliases; added to the built-in ones.</summary>
    public IList<string> Aliases { get; } = new List<string>();

    /// <summary>Gets or sets the training context in tokens.</summary>
    public int? TrainingContextTokens { get; set; }

    /// <summary>Gets or sets the per-example token limit.</summary>
    public int? MaxExampleTokens { get; set; }

    /// <summary>Gets or sets the supported methods (configuration: <c>"Supervised, Dpo"</c>).</summary>
    public ModelTrainingMethods? Methods { get; set; }

    /// <summary>Gets or sets the currency of the prices below.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the price per million trained tokens.</summary>
    public decimal? TrainingPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price per hour of training (time-billed methods).</summary>
    public decimal? TrainingPerHour { get; set; }

    /// <summary>Gets or sets the base model's price per million input tokens.</summary>
    public decimal? InputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the base model's price per million output tokens.</summary>
    public decimal? OutputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the fine-tuned model's price per million input tokens.</summary>
    public decimal? FineTunedInputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the fine-tuned model's price per million output tokens.</summary>
    public decimal? FineTunedOutputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the Batch API discount as a fraction.</summary>
    public decimal? BatchDiscount { get; set; }

    /// <summary>Gets or sets the lifecycle status label.</summary>
    public string? Status { get; set; }

    /// <summary>Gets or sets the first day on which new training jobs are refused.</summary>
    public DateOnly? TrainingEndsOn { get; set; }

    /// <summary>Gets or sets the deprecation announcement day.</summary>
    public DateOnly? DeprecatedOn { get; set; }

    /// <summary>Gets or sets the base model's shutdown day.</summary>
    public DateOnly? BaseModelRetiresOn { get; set; }

    /// <summary>Gets or sets the day inference on fine-tunes stops.</summary>
    public DateOnly? FineTunedRetiresOn { get; set; }

    /// <summary>Gets or sets whether the lifecycle dates are uncertain.</summary>
    public bool? LifecycleUncertain { get; set; }

    /// <summary>Gets or sets where these facts come from.</summary>
    /// <value>When not set on a new entry: <c>configuration</c>.</value>
    public string? Source { get; set; }

    /// <summary>Gets or sets the day these facts were read.</summary>
    /// <value>When not set: today (from the <see cref="TimeProvider"/>).</value>
    public DateOnly? AsOf { get; set; }

    /// <summary>Gets or sets notes; replaces the built-in notes when set.</summary>
    public string? Notes { get; set; }
}
