using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Models;

// The shape of the embedded ModelCatalog.json (snake_case). Internal: the public model is ModelCatalogEntry.
internal sealed class CatalogDocument
{
    public int SchemaVersion { get; set; }

    public List<CatalogModelDto> Models { get; set; } = [];
}

internal sealed class CatalogModelDto
{
    public string Provider { get; set; } = "";

    public string Id { get; set; } = "";

    public List<string>? Aliases { get; set; }

    public int? TrainingContextTokens { get; set; }

    public int? MaxExampleTokens { get; set; }

    public List<string>? Methods { get; set; }

    public CatalogPricingDto? Pricing { get; set; }

    public List<CatalogTierDto>? Tiers { get; set; }

    public CatalogLifecycleDto? Lifecycle { get; set; }

    public string? Source { get; set; }

    public DateOnly? AsOf { get; set; }

    public string? Notes { get; set; }
}

internal sealed class CatalogPricingDto
{
    public string? Currency { get; set; }

    [JsonPropertyName("training_per_1m_tokens")]
    public decimal? TrainingPer1mTokens { get; set; }

    public decimal? TrainingPerHour { get; set; }

    [JsonPropertyName("input_per_1m")]
    public decimal? InputPer1m { get; set; }

    [JsonPropertyName("output_per_1m")]
    public decimal? OutputPer1m { get; set; }

    [JsonPropertyName("fine_tuned_input_per_1m")]
    public decimal? FineTunedInputPer1m { get; set; }

    [JsonPropertyName("fine_tuned_output_per_1m")]
    public decimal? FineTunedOutputPer1m { get; set; }

    public decimal? BatchDiscount { get; set; }
}

internal sealed class CatalogTierDto
{
    public string Name { get; set; } = "";

    public decimal? TrainingPriceMultiplier { get; set; }

    public decimal? TrainingPriceMultiplierLow { get; set; }

    public decimal? TrainingPriceMultiplierHigh { get; set; }

    public decimal? HostingPerHour { get; set; }

    public List<string>? Regions { get; set; }

    public string? Notes { get; set; }
}

internal sealed class CatalogLifecycleDto
{
    public string? Status { get; set; }

    public DateOnly? TrainingEndsOn { get; set; }

    public DateOnly? DeprecatedOn { get; set; }

    public DateOnly? BaseModelRetiresOn { get; set; }

    public DateOnly? FineTunedRetiresOn { get; set; }

    public bool Uncertain { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
