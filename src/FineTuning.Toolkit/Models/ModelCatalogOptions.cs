namespace FineTuning.Toolkit.Models;

/// <summary>Options of the model catalog, bound from the configuration section <c>FineTuning:Catalog</c>.</summary>
/// <example>
/// <code language="json">
/// { "FineTuning": { "Catalog": {
///     "RetirementWarningDays": 120,
///     "Models": [ { "Provider": "openai", "Id": "gpt-4.1-mini-2025-04-14", "TrainingPerMillionTokens": 4.0,
///                   "Source": "contract price sheet", "AsOf": "2026-12-01" } ] } } }
/// </code>
/// </example>
public sealed class ModelCatalogOptions
{
    /// <summary>Gets or sets a value indicating whether the built-in entries are loaded before <see cref="Models"/> are applied.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeBuiltInModels { get; set; } = true;

    /// <summary>Gets or sets how many days before a base model's retirement a warning is raised (a fine-tune dies with its base).
    /// The same threshold warns when the end of training availability is near.</summary>
    /// <value>The default value is 90.</value>
    public int RetirementWarningDays { get; set; } = 90;

    /// <summary>Gets the entries that override (same provider and id, or an alias of an entry) or extend the built-in catalog.</summary>
    /// <remarks>An override changes only the fields it sets; a new entry needs at least <see cref="ModelCatalogEntryOptions.Provider"/>
    /// and <see cref="ModelCatalogEntryOptions.Id"/>.</remarks>
    public IList<ModelCatalogEntryOptions> Models { get; } = new List<ModelCatalogEntryOptions>();
}
