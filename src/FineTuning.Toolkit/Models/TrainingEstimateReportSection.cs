using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Models;

/// <summary>The <c>estimate</c> section of a <see cref="DatasetValidationReport"/>: epochs, billed tokens, cost and the model findings.</summary>
/// <param name="estimate">The estimate to write.</param>
public sealed class TrainingEstimateReportSection(TrainingEstimate estimate) : IDatasetReportSection
{
    /// <summary>The key of the section in the report.</summary>
    public const string SectionName = "estimate";

    /// <summary>Gets the estimate.</summary>
    public TrainingEstimate Estimate { get; } = estimate ?? throw new ArgumentNullException(nameof(estimate));

    /// <summary>Writes <c>{provider, model, base_model, tier, epochs, epochs_auto, training_tokens, billable_tokens_per_epoch,
    /// billed_tokens, validation_tokens_not_billed, examples_over_limit, cost_usd, cost_usd_low, cost_usd_high, currency,
    /// warnings[]}</c>; each warning has the report's diagnostic shape <c>{line, code, severity, path, message, suggestion}</c>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var e = Estimate;
        writer.WriteStartObject();
        writer.WriteString("provider", e.Provider);
        writer.WriteString("model", e.Model);
        WriteString(writer, "base_model", e.CatalogEntry?.Id);
        WriteString(writer, "tier", e.Tier);
        writer.WriteNumber("epochs", e.Epochs);
        writer.WriteBoolean("epochs_auto", e.EpochsAreAuto);
        writer.WriteNumber("training_tokens", e.TrainingTokens);
        writer.WriteNumber("billable_tokens_per_epoch", e.BillableTokensPerEpoch);
        writer.WriteNumber("billed_tokens", e.BilledTokens);
        writer.WriteNumber("validation_tokens_not_billed", e.ValidationTokens);
        writer.WriteNumber("examples_over_limit", e.ExamplesOverLimit);
        if (e.Cost is { } cost)
        {
            writer.WriteNumber("cost_usd", cost.Expected);
            writer.WriteNumber("cost_usd_low", cost.Low);
            writer.WriteNumber("cost_usd_high", cost.High);
            writer.WriteString("currency", cost.Currency);
        }
        else
        {
            writer.WriteNull("cost_usd");
            writer.WriteNull("cost_usd_low");
            writer.WriteNull("cost_usd_high");
            writer.WriteString("currency", e.CatalogEntry?.Pricing.Currency ?? "USD");
        }

        writer.WriteStartArray("warnings");
        foreach (var d in e.Diagnostics)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", d.Line);
            writer.WriteString("code", d.Code);
            writer.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
            writer.WriteString("path", d.Path);
            writer.WriteString("message", d.Message);
            writer.WriteString("suggestion", d.Suggestion);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name); else writer.WriteString(name, value);
    }
}
