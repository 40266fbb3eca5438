using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Cli.Commands.Models;

/// <summary>Writes catalog entries and estimates as snake_case JSON for <c>ftk models --json</c> and <c>ftk validate --json</c>.</summary>
internal static class ModelsJson
{
    /// <summary>Writes one catalog entry as a JSON object.</summary>
    public static void WriteEntry(Utf8JsonWriter w, ModelCatalogEntry e)
    {
        w.WriteStartObject();
        w.WriteString("provider", e.Provider);
        w.WriteString("id", e.Id);
        w.WriteStartArray("aliases");
        foreach (var a in e.Aliases) w.WriteStringValue(a);
        w.WriteEndArray();
        WriteNullable(w, "training_context_tokens", e.TrainingContextTokens);
        WriteNullable(w, "max_example_tokens", e.ExampleTokenLimit);
        w.WriteStartArray("methods");
        foreach (var m in MethodNames(e.Methods)) w.WriteStringValue(m);
        w.WriteEndArray();
        var p = e.Pricing;
        w.WriteStartObject("pricing");
        w.WriteString("currency", p.Currency);
        WriteNullable(w, "training_per_1m_tokens", p.TrainingPerMillionTokens);
        WriteNullable(w, "training_per_hour", p.TrainingPerHour);
        WriteNullable(w, "input_per_1m", p.InputPerMillionTokens);
        WriteNullable(w, "output_per_1m", p.OutputPerMillionTokens);
        WriteNullable(w, "fine_tuned_input_per_1m", p.FineTunedInputPerMillionTokens);
        WriteNullable(w, "fine_tuned_output_per_1m", p.FineTunedOutputPerMillionTokens);
        WriteNullable(w, "batch_discount", p.BatchDiscount);
        w.WriteEndObject();
        w.WriteStartArray("tiers");
        foreach (var t in e.Tiers)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            WriteNullable(w, "training_price_multiplier", t.TrainingPriceMultiplier);
            WriteNullable(w, "training_price_multiplier_low", t.TrainingPriceMultiplierLow);
            WriteNullable(w, "training_price_multiplier_high", t.TrainingPriceMultiplierHigh);
            WriteNullable(w, "hosting_per_hour", t.HostingPerHour);
            w.WriteStartArray("regions");
            foreach (var r in t.Regions) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        var l = e.Lifecycle;
        w.WriteStartObject("lifecycle");
        if (l.Status is null) w.WriteNull("status"); else w.WriteString("status", l.Status);
        WriteDate(w, "training_ends_on", l.TrainingEndsOn);
        WriteDate(w, "deprecated_on", l.DeprecatedOn);
        WriteDate(w, "base_model_retires_on", l.BaseModelRetiresOn);
        WriteDate(w, "fine_tuned_retires_on", l.FineTunedRetiresOn);
        w.WriteBoolean("uncertain", l.Uncertain);
        w.WriteEndObject();
        w.WriteString("source", e.Source);
        WriteDate(w, "as_of", e.AsOf);
        if (e.Notes is null) w.WriteNull("notes"); else w.WriteString("notes", e.Notes);
        w.WriteEndObject();
    }

    /// <summary>The lower-case names of the flags in <paramref name="methods"/>.</summary>
    public static IEnumerable<string> MethodNames(ModelTrainingMethods methods) =>
        Enum.GetValues<ModelTrainingMethods>()
            .Where(m => m != ModelTrainingMethods.None && methods.HasFlag(m))
            .Select(m => m.ToString().ToLowerInvariant());

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateOnly? value)
    {
        if (value is { } v) w.WriteString(name, v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); else w.WriteNull(name);
    }
}
