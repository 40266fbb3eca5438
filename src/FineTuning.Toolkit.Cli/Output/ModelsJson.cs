using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk models --json</c>: the catalog entries in the catalog file's own shape (<see cref="CatalogModelDto"/>, snake_case).</summary>
/// <param name="Models">The entries.</param>
internal sealed record ModelsJson(IReadOnlyList<CatalogModelDto> Models)
{
    /// <summary>The entries as the catalog file spells them.</summary>
    public static ModelsJson From(IEnumerable<ModelCatalogEntry> entries) => new([.. entries.Select(Entry)]);

    /// <summary>The lower-case names of the flags in <paramref name="methods"/>.</summary>
    public static IEnumerable<string> MethodNames(ModelTrainingMethods methods) =>
        Enum.GetValues<ModelTrainingMethods>()
            .Where(m => m != ModelTrainingMethods.None && methods.HasFlag(m))
            .Select(m => m.ToString().ToLowerInvariant());

    private static CatalogModelDto Entry(ModelCatalogEntry e) => new()
    {
        Provider = e.Provider,
        Id = e.Id,
        Aliases = [.. e.Aliases],
        TrainingContextTokens = e.TrainingContextTokens,
        MaxExampleTokens = e.ExampleTokenLimit,
        Methods = [.. MethodNames(e.Methods)],
        Pricing = new CatalogPricingDto
        {
            Currency = e.Pricing.Currency,
            TrainingPer1mTokens = e.Pricing.TrainingPerMillionTokens,
            TrainingPerHour = e.Pricing.TrainingPerHour,
            InputPer1m = e.Pricing.InputPerMillionTokens,
            OutputPer1m = e.Pricing.OutputPerMillionTokens,
            FineTunedInputPer1m = e.Pricing.FineTunedInputPerMillionTokens,
            FineTunedOutputPer1m = e.Pricing.FineTunedOutputPerMillionTokens,
            BatchDiscount = e.Pricing.BatchDiscount,
        },
        Tiers = [.. e.Tiers.Select(t => new CatalogTierDto
        {
            Name = t.Name,
            TrainingPriceMultiplier = t.TrainingPriceMultiplier,
            TrainingPriceMultiplierLow = t.TrainingPriceMultiplierLow,
            TrainingPriceMultiplierHigh = t.TrainingPriceMultiplierHigh,
            HostingPerHour = t.HostingPerHour,
            Regions = [.. t.Regions],
            Notes = t.Notes,
        })],
        Lifecycle = new CatalogLifecycleDto
        {
            Status = e.Lifecycle.Status,
            TrainingEndsOn = e.Lifecycle.TrainingEndsOn,
            DeprecatedOn = e.Lifecycle.DeprecatedOn,
            BaseModelRetiresOn = e.Lifecycle.BaseModelRetiresOn,
            FineTunedRetiresOn = e.Lifecycle.FineTunedRetiresOn,
            Uncertain = e.Lifecycle.Uncertain,
        },
        Source = e.Source,
        AsOf = e.AsOf,
        Notes = e.Notes,
    };
}
