namespace FineTuning.Toolkit.Models;

/// <summary>What to estimate: which model at which provider, with which method, epochs and tier, and when.</summary>
public sealed record TrainingEstimateRequest
{
    /// <summary>Gets the model id: a snapshot, an alias or a fine-tuned id (continued training; resolves to its base).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the provider id.</summary>
    /// <value>The default value is <c>openai</c>.</value>
    public string Provider { get; init; } = "openai";

    /// <summary>Gets the method. <see cref="ModelTrainingMethods.Vision"/> is added automatically when the dataset has images.</summary>
    /// <value>The default value is <see cref="ModelTrainingMethods.Supervised"/>.</value>
    public ModelTrainingMethods Method { get; init; } = ModelTrainingMethods.Supervised;

    /// <summary>Gets the number of epochs (1–50), or <see langword="null"/> for <c>"auto"</c> (see <see cref="EpochHeuristic"/>).</summary>
    public int? Epochs { get; init; }

    /// <summary>Gets the tier (Azure: <c>global</c>, <c>standard</c>, <c>developer</c>; <c>trainingType</c> spellings accepted);
    /// <see langword="null"/> for the model's first (default) tier.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets when the job is planned to start; <see langword="null"/> for now (from the <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>Gets the relative uncertainty of the token counts (0.05 = ±5%), widening the cost range; 0 for exact counts.</summary>
    public double TokenCountUncertainty { get; init; }

    /// <summary>Gets the expected hours of core training time, for time-billed methods (reinforcement fine-tuning).</summary>
    public double? TrainingHours { get; init; }

    /// <summary>Gets the maximum number of per-example diagnostics (over-limit examples); one summary follows when more exist.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxExampleDiagnostics { get; init; } = 1000;
}
