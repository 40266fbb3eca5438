using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Deployments;

/// <summary>
/// Prices eval calls made to Azure deployments by name: a deployment is priced as the model it serves (a fine-tuned id at
/// its base model's fine-tuned rates), looked up once through ARM; other model ids go to the inner lookup unchanged.
/// </summary>
internal sealed class DeploymentEvalPrices : IEvalPriceLookup
{
    private readonly IEvalPriceLookup _inner;
    private readonly IReadOnlyDictionary<string, string> _models;

    private DeploymentEvalPrices(IEvalPriceLookup inner, IReadOnlyDictionary<string, string> models)
    {
        _inner = inner;
        _models = models;
    }

    /// <summary>Gets the deployments found and the model each serves.</summary>
    public IReadOnlyDictionary<string, string> Deployments => _models;

    /// <summary>
    /// Looks up the targets that are not catalog models or fine-tuned ids as deployments (a target that is no deployment,
    /// or ARM that is not configured, leaves the target priced by <paramref name="inner"/> as it is).
    /// </summary>
    public static async Task<DeploymentEvalPrices> ResolveAsync(
        IModelDeploymentClient deployments, IModelCatalog catalog, IEnumerable<string> targets, IEvalPriceLookup inner, CancellationToken cancellationToken)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            if (ModelIds.IsFineTuned(target) || catalog.Find("azure", target) is not null)
            {
                continue;
            }

            try
            {
                if (await deployments.GetAsync(target, cancellationToken).ConfigureAwait(false) is { Model: { } model })
                {
                    models[target] = model;
                }
            }
            catch (InvalidOperationException)
            {
                // ARM settings are missing: the target stays priced by its own name (usually unpriced).
                break;
            }
            catch (FineTuningApiException)
            {
                // ARM refused (no access, wrong account): the target stays priced by its own name.
            }
        }

        return new DeploymentEvalPrices(inner, models);
    }

    /// <inheritdoc/>
    public decimal? GetCost(string modelId, long inputTokens, long outputTokens, bool batch) =>
        _inner.GetCost(_models.TryGetValue(modelId, out var model) ? model : modelId, inputTokens, outputTokens, batch);
}
