namespace FineTuning.Toolkit.Models;

/// <summary>One fine-tunable base model of one provider: limits, methods, prices and lifecycle dates, with the source of the facts.</summary>
public sealed record ModelCatalogEntry
{
    /// <summary>Gets the provider id, lower case: <c>openai</c> or <c>azure</c> (open set).</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the model id the provider expects in <c>model</c> (a dated snapshot where one exists).</summary>
    public required string Id { get; init; }

    /// <summary>Gets other ids that resolve to this entry (e.g. <c>gpt-4o-mini</c> for <c>gpt-4o-mini-2024-07-18</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Gets the training context in tokens, when known.</summary>
    public int? TrainingContextTokens { get; init; }

    /// <summary>Gets the per-example token limit, when it differs from <see cref="TrainingContextTokens"/>.</summary>
    /// <remarks>Use <see cref="ExampleTokenLimit"/>, which falls back to the training context.</remarks>
    public int? MaxExampleTokens { get; init; }

    /// <summary>Gets the per-example token limit: longer examples are silently truncated by the platform.</summary>
    public int? ExampleTokenLimit => MaxExampleTokens ?? TrainingContextTokens;

    /// <summary>Gets the fine-tuning methods the provider supports for this model.</summary>
    public ModelTrainingMethods Methods { get; init; }

    /// <summary>Gets the list prices.</summary>
    public ModelPricing Pricing { get; init; } = new();

    /// <summary>Gets the provider's training tiers for this model (empty when the provider has none).</summary>
    public IReadOnlyList<ModelTier> Tiers { get; init; } = [];

    /// <summary>Gets the default tier: the first one listed (the catalog lists each model's default first), or <see langword="null"/> when the model has none.</summary>
    public ModelTier? DefaultTier => Tiers.Count > 0 ? Tiers[0] : null;

    /// <summary>Gets the lifecycle dates.</summary>
    public ModelLifecycle Lifecycle { get; init; } = new();

    /// <summary>Gets where the facts come from.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the day the facts were read.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Gets caveats: uncertain facts, conflicting sources, assumptions.</summary>
    public string? Notes { get; init; }

    /// <summary>Returns whether the model supports every method in <paramref name="methods"/>.</summary>
    /// <param name="methods">The methods the job needs.</param>
    /// <returns><see langword="true"/> when all of them are supported.</returns>
    public bool Supports(ModelTrainingMethods methods) => (Methods & methods) == methods;

    /// <summary>Finds a tier by name, case-insensitively; Azure <c>trainingType</c> spellings such as <c>GlobalStandard</c> and <c>developerTier</c> are accepted.</summary>
    /// <param name="name">The tier name, e.g. <c>global</c>.</param>
    /// <returns>The tier, or <see langword="null"/> when the model has no such tier.</returns>
    public ModelTier? FindTier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = ModelIds.NormalizeTier(name);
        foreach (var tier in Tiers)
        {
            if (string.Equals(tier.Name, name, StringComparison.OrdinalIgnoreCase)) return tier;
        }

        return null;
    }
}
