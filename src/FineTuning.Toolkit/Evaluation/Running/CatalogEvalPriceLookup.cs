using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// Inference prices from the toolkit's <see cref="IModelCatalog"/>: fine-tuned ids (<c>ft:…</c>, checkpoints, Azure
/// <c>….ft-…</c>) are priced at their base model's fine-tuned inference rates, and Batch API calls get the catalog's
/// batch discount (50% when the catalog gives none).
/// </summary>
public sealed class CatalogEvalPriceLookup : IEvalPriceLookup
{
    private const decimal DefaultBatchDiscount = 0.5m;
    private readonly IModelCatalog _catalog;
    private readonly string _provider;

    /// <summary>Initializes a new instance of the <see cref="CatalogEvalPriceLookup"/> class.</summary>
    /// <param name="catalog">The model catalog; <see cref="ModelCatalog.BuiltIn"/> when null.</param>
    /// <param name="provider">The provider whose prices apply: <c>openai</c> or <c>azure</c>.</param>
    public CatalogEvalPriceLookup(IModelCatalog? catalog = null, string provider = "openai")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _catalog = catalog ?? ModelCatalog.BuiltIn;
        _provider = provider;
    }

    /// <inheritdoc/>
    public decimal? GetCost(string modelId, long inputTokens, long outputTokens, bool batch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (_catalog.Find(_provider, modelId) is not { } entry) return null;
        var pricing = entry.Pricing;
        var fineTuned = modelId.StartsWith("ft:", StringComparison.OrdinalIgnoreCase) || modelId.Contains(".ft-", StringComparison.OrdinalIgnoreCase);
        var input = fineTuned ? pricing.FineTunedInputPerMillionTokens ?? pricing.InputPerMillionTokens : pricing.InputPerMillionTokens;
        var output = fineTuned ? pricing.FineTunedOutputPerMillionTokens ?? pricing.OutputPerMillionTokens : pricing.OutputPerMillionTokens;
        if (input is null || output is null) return null;
        var cost = ((inputTokens * input.Value) + (outputTokens * output.Value)) / 1_000_000m;
        return batch ? cost * (1m - (pricing.BatchDiscount ?? DefaultBatchDiscount)) : cost;
    }
}
