using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Models;

/// <summary>The <c>estimate</c> section of a <see cref="DatasetValidationReport"/>: epochs, billed tokens, cost and the model findings.</summary>
/// <param name="estimate">The estimate to write.</param>
public sealed class TrainingEstimateReportSection(TrainingEstimate estimate) : IDatasetReportSection
{
    /// <summary>The key of the section in the report.</summary>
    public const string SectionName = "estimate";

    /// <summary>Gets the estimate.</summary>
    public TrainingEstimate Estimate { get; } = estimate ?? throw new ArgumentNullException(nameof(estimate));

    /// <summary>Returns <c>{provider, model, base_model, tier, epochs, epochs_auto, training_tokens, billable_tokens_per_epoch,
    /// billed_tokens, validation_tokens_not_billed, examples_over_limit, cost_usd, cost_usd_low, cost_usd_high, currency,
    /// warnings[]}</c>; each warning has the report's diagnostic shape <c>{line, code, severity, path, message, suggestion}</c>.</summary>
    /// <returns>The section's JSON value.</returns>
    public JsonElement ToJson()
    {
        var e = Estimate;
        return JsonSerializer.SerializeToElement(
            new TrainingEstimateSectionJson(
                e.Provider,
                e.Model,
                e.CatalogEntry?.Id,
                e.Tier,
                e.Epochs,
                e.EpochsAreAuto,
                e.TrainingTokens,
                e.BillableTokensPerEpoch,
                e.BilledTokens,
                e.ValidationTokens,
                e.ExamplesOverLimit,
                e.Cost?.Expected,
                e.Cost?.Low,
                e.Cost?.High,
                e.Cost?.Currency ?? e.CatalogEntry?.Pricing.Currency ?? "USD",
                DatasetReportDiagnosticJson.List(e.Diagnostics)),
            ToolkitJson.Info<TrainingEstimateSectionJson>());
    }
}
