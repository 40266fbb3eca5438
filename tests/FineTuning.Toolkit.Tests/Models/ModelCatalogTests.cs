using FineTuning.Toolkit.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void BuiltIn_loads_and_every_entry_has_source_and_as_of()
    {
        var models = ModelCatalog.BuiltIn.Models;
        Assert.True(models.Count >= 20, $"only {models.Count} entries");
        foreach (var m in models)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Source), $"{m.Provider}/{m.Id} has no source");
            Assert.True(m.AsOf > new DateOnly(2025, 1, 1), $"{m.Provider}/{m.Id} as_of {m.AsOf}");
            Assert.NotEqual(ModelTrainingMethods.None, m.Methods);
            Assert.Contains(m.Provider, new[] { "openai", "azure", "together", "bedrock", "nebius" });
            Assert.Equal("USD", m.Pricing.Currency);
        }

        Assert.Contains(models, m => m.Provider == "openai");
        Assert.Contains(models, m => m.Provider == "azure");
        Assert.Contains(models, m => m.Provider == "together");
    }

    [Fact]
    public void Ids_and_aliases_are_unique_per_provider()
    {
        foreach (var group in ModelCatalog.BuiltIn.Models.GroupBy(m => m.Provider))
        {
            var names = group.SelectMany(m => m.Aliases.Append(m.Id)).Select(n => n.ToLowerInvariant()).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18")]
    [InlineData("openai", "GPT-4o-Mini", "gpt-4o-mini-2024-07-18")]
    [InlineData("OpenAI", " gpt-4.1 ", "gpt-4.1-2025-04-14")]
    [InlineData("openai", "ft:gpt-4o-mini-2024-07-18:acme:support:9abc", "gpt-4o-mini-2024-07-18")]
    [InlineData("openai", "ft:gpt-4.1-mini-2025-04-14:acme::B1xY:ckpt-step-120", "gpt-4.1-mini-2025-04-14")]
    [InlineData("azure", "gpt-4.1-2025-04-14.ft-5fd1918ee65d4cd38a5dcf6835066ed7", "gpt-4.1-2025-04-14")]
    [InlineData("azure", "o4-mini", "o4-mini-2025-04-16")]
    public void Find_resolves_snapshots_aliases_and_fine_tuned_ids(string provider, string id, string expected)
    {
        var entry = ModelCatalog.BuiltIn.Find(provider, id);
        Assert.NotNull(entry);
        Assert.Equal(expected, entry.Id);
        Assert.Equal(provider.Trim().ToLowerInvariant(), entry.Provider);
    }

    [Theory]
    [InlineData("openai", "gpt-5-turbo-nope")]
    [InlineData("openai", "Ministral-3B")]
    [InlineData("mistral", "gpt-4o")]
    public void Find_returns_null_for_unknown_models(string provider, string id) =>
        Assert.Null(ModelCatalog.BuiltIn.Find(provider, id));

    [Fact]
    public void OpenAI_wind_down_and_base_model_retirements_are_recorded()
    {
        // Fine-tunes of these were removed on 2026-10-23; every other OpenAI model takes new jobs until 2027-01-06.
        string[] removed = ["o4-mini-2025-04-16", "gpt-4.1-nano-2025-04-14", "babbage-002", "davinci-002", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0613"];
        foreach (var m in ModelCatalog.BuiltIn.Models.Where(m => m.Provider == "openai"))
        {
            var gone = removed.Contains(m.Id);
            Assert.Equal(gone ? new DateOnly(2026, 10, 23) : new DateOnly(2027, 1, 6), m.Lifecycle.TrainingEndsOn);
            if (gone)
            {
                Assert.Equal(new DateOnly(2026, 10, 23), m.Lifecycle.EffectiveFineTunedRetirement);
            }
        }

        foreach (var id in new[] { "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14" })
        {
            var m = ModelCatalog.BuiltIn.Find("openai", id)!;
            Assert.Equal(new DateOnly(2026, 10, 14), m.Lifecycle.DeprecatedOn);
            Assert.Equal(new DateOnly(2027, 1, 14), m.Lifecycle.EffectiveFineTunedRetirement);
        }
    }

    [Fact]
    public void Azure_tiers_and_prices_follow_part_2()
    {
        var gpt41 = ModelCatalog.BuiltIn.Find("azure", "gpt-4.1")!;
        Assert.Equal(25.00m, gpt41.Pricing.TrainingPerMillionTokens);
        Assert.Equal(0.5m, gpt41.FindTier("developerTier")!.TrainingPriceMultiplier);
        Assert.Equal(1.0m, gpt41.FindTier("GlobalStandard")!.TrainingPriceMultiplier);
        Assert.True(gpt41.FindTier("Standard")!.TrainingPriceMultiplierHigh > 1.4m);
        // Azure's retirement schedule of 2026-07-07: base deprecated, training "no earlier than" (existing customers), deployments.
        Assert.Equal(new DateOnly(2026, 10, 14), gpt41.Lifecycle.DeprecatedOn);
        Assert.Equal(new DateOnly(2027, 4, 14), gpt41.Lifecycle.TrainingEndsOn);
        Assert.Equal(new DateOnly(2027, 10, 14), gpt41.Lifecycle.FineTunedRetiresOn);
        Assert.True(gpt41.Lifecycle.Uncertain);
        Assert.Equal(1.70m, gpt41.FindTier("GlobalStandard")!.HostingPerHour);
        Assert.NotNull(gpt41.Pricing.FineTunedInputPerMillionTokens);
        Assert.True(gpt41.Supports(ModelTrainingMethods.Supervised | ModelTrainingMethods.Dpo | ModelTrainingMethods.Vision));

        var o4 = ModelCatalog.BuiltIn.Find("azure", "o4-mini-2025-04-16")!;
        Assert.True(o4.Pricing.IsTrainingBilledByTime);
        Assert.Equal(100m, o4.Pricing.TrainingPerHour);
        Assert.Null(o4.FindTier("developer"));

        Assert.False(ModelCatalog.BuiltIn.Find("azure", "gpt-4o-mini")!.Supports(ModelTrainingMethods.Dpo));
    }

    [Theory]
    [InlineData("ft:gpt-4o-mini-2024-07-18:org:suffix:abc", "gpt-4o-mini-2024-07-18", true)]
    [InlineData("ft:gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18", true)]
    [InlineData("gpt-4o.ft-abc", "gpt-4o", true)]
    [InlineData("gpt-4o", "gpt-4o", false)]
    [InlineData("", "", false)]
    public void ModelIds_find_the_base(string id, string expectedBase, bool fineTuned)
    {
        Assert.Equal(expectedBase, ModelIds.GetBaseModelId(id));
        Assert.Equal(fineTuned, ModelIds.IsFineTuned(id));
    }

    /// <summary>
    /// Azure's open-weight fine-tunes use the same <c>.ft-</c> form as OpenAI models (<c>Ministral-3B.ft-{jobid}-suffix</c>);
    /// gpt-oss-20b also appears under its versioned platform id <c>gpt-oss-20b-11</c> (Microsoft's finetuning agent skill).
    /// Both resolve to the catalog entry, and are priced (training) and deployed with their publisher's ARM format.
    /// </summary>
    [Theory]
    [InlineData("Ministral-3B.ft-0123456789abcdef0123456789abcdef-tickets", "Ministral-3B", "Ministral-3B")]
    [InlineData("Qwen-32B.ft-0123456789abcdef0123456789abcdef", "Qwen-32B", "Qwen-32B")]
    [InlineData("Llama-3.3-70B-Instruct.ft-0123456789abcdef0123456789abcdef-a", "Llama-3.3-70B-Instruct", "Llama-3.3-70B-Instruct")]
    [InlineData("gpt-oss-20b.ft-0123456789abcdef0123456789abcdef-tickets", "gpt-oss-20b", "gpt-oss-20b")]
    [InlineData("gpt-oss-20b-11.ft-0123456789abcdef0123456789abcdef-tickets", "gpt-oss-20b-11", "gpt-oss-20b")]
    [InlineData("gpt-oss-20b-11", "gpt-oss-20b-11", "gpt-oss-20b")]
    public void Open_weight_azure_fine_tuned_ids_resolve_to_their_catalog_entry(string id, string expectedBase, string entryId)
    {
        Assert.Equal(expectedBase, ModelIds.GetBaseModelId(id));
        Assert.Equal(id.Contains(".ft-", StringComparison.Ordinal), ModelIds.IsFineTuned(id));
        var entry = ModelCatalog.BuiltIn.Find("azure", id);
        Assert.NotNull(entry);
        Assert.Equal(entryId, entry.Id);
        Assert.Null(ModelCatalog.BuiltIn.Find("openai", id));
    }

    [Fact]
    public void Azure_fine_tuned_inference_is_billed_at_the_base_rates_plus_hosting()
    {
        // MicrosoftDocs fine-tuning-cost-management.md: a Standard or Global Standard deployment of a fine-tune pays "the same
        // rate as base model" per token plus $1.70/h; the o4-mini example uses 1.10 / 4.40 per 1M tokens.
        foreach (var entry in ModelCatalog.BuiltIn.Models.Where(e => e.Provider == "azure" && e.Pricing.InputPerMillionTokens is not null))
        {
            Assert.Equal(entry.Pricing.InputPerMillionTokens, entry.Pricing.FineTunedInputPerMillionTokens);
            Assert.Equal(entry.Pricing.OutputPerMillionTokens, entry.Pricing.FineTunedOutputPerMillionTokens);
        }

        var o4 = ModelCatalog.BuiltIn.Find("azure", "o4-mini-2025-04-16.ft-0123456789abcdef0123456789abcdef")!;
        Assert.Equal(1.10m, o4.Pricing.FineTunedInputPerMillionTokens);
        Assert.Equal(4.40m, o4.Pricing.FineTunedOutputPerMillionTokens);
        Assert.Equal(1.70m, o4.FindTier("GlobalStandard")!.HostingPerHour);
        Assert.Equal(1.70m, o4.FindTier("Standard")!.HostingPerHour);
        var price = new FineTuning.Toolkit.Evaluation.Running.CatalogEvalPriceLookup(provider: "azure");
        Assert.Equal(
            price.GetCost("gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000, batch: false),
            price.GetCost("gpt-4o-mini-2024-07-18.ft-0123456789abcdef0123456789abcdef-tickets", 1_000_000, 1_000_000, batch: false));
    }

    [Fact]
    public void Configuration_overrides_fields_by_provider_and_id_and_adds_entries()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Catalog:RetirementWarningDays"] = "30",
            ["FineTuning:Catalog:Models:0:Provider"] = "openai",
            ["FineTuning:Catalog:Models:0:Id"] = "gpt-4.1-mini", // an alias: overrides the snapshot entry
            ["FineTuning:Catalog:Models:0:TrainingPerMillionTokens"] = "4.25",
            ["FineTuning:Catalog:Models:0:TrainingContextTokens"] = "131072",
            ["FineTuning:Catalog:Models:0:Source"] = "contract price sheet",
            ["FineTuning:Catalog:Models:0:AsOf"] = "2026-12-01",
            ["FineTuning:Catalog:Models:1:Provider"] = "azure",
            ["FineTuning:Catalog:Models:1:Id"] = "my-model-2026-11-01",
            ["FineTuning:Catalog:Models:1:Aliases:0"] = "my-model",
            ["FineTuning:Catalog:Models:1:Methods"] = "Supervised, Dpo",
            ["FineTuning:Catalog:Models:1:TrainingPerMillionTokens"] = "2",
            ["FineTuning:Catalog:Models:1:TrainingEndsOn"] = "2027-06-30",
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TestClocks.At("2026-11-22"));
        ModelsServiceRegistration.Register(services, config.GetSection("FineTuning"));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var catalog = provider.GetRequiredService<IModelCatalog>();

        var mini = catalog.Find("openai", "gpt-4.1-mini-2025-04-14")!;
        Assert.Equal(4.25m, mini.Pricing.TrainingPerMillionTokens);
        Assert.Equal(131072, mini.ExampleTokenLimit); // the per-example limit follows the training context
        Assert.Equal(0.80m, mini.Pricing.FineTunedInputPerMillionTokens); // untouched field kept
        Assert.Equal("contract price sheet", mini.Source);
        Assert.Equal(new DateOnly(2026, 12, 1), mini.AsOf);
        Assert.Equal(1, catalog.Models.Count(m => m.Provider == "openai" && m.Id == "gpt-4.1-mini-2025-04-14"));

        var mine = catalog.Find("azure", "MY-MODEL")!;
        Assert.Equal("my-model-2026-11-01", mine.Id);
        Assert.Equal(ModelTrainingMethods.Supervised | ModelTrainingMethods.Dpo, mine.Methods);
        Assert.Equal("configuration", mine.Source);
        Assert.Equal(new DateOnly(2026, 11, 22), mine.AsOf);
        Assert.Equal(new DateOnly(2027, 6, 30), mine.Lifecycle.TrainingEndsOn);

        // The threshold reaches the estimator: 2027-06-30 is 220 days away, beyond 30.
        var estimator = provider.GetRequiredService<TrainingCostEstimator>();
        Assert.Empty(estimator.CheckModel("azure", "my-model"));
        Assert.Same(catalog, estimator.Catalog);
    }

    [Fact]
    public void Registration_is_idempotent_and_works_without_configuration()
    {
        var services = new ServiceCollection();
        ModelsServiceRegistration.Register(services, null);
        ModelsServiceRegistration.Register(services, null);
        Assert.Single(services, d => d.ServiceType == typeof(IModelCatalog));
        Assert.Single(services, d => d.ServiceType == typeof(TrainingCostEstimator));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Equal(ModelCatalog.BuiltIn.Models.Count, provider.GetRequiredService<IModelCatalog>().Models.Count);
    }

    [Fact]
    public void Options_without_built_in_models_and_with_a_bad_entry_are_rejected_clearly()
    {
        var options = new ModelCatalogOptions { IncludeBuiltInModels = false };
        options.Models.Add(new ModelCatalogEntryOptions { Provider = "openai", Id = "x" });
        Assert.Single(ModelCatalog.Create(options).Models);

        options.Models.Add(new ModelCatalogEntryOptions { Id = "no-provider" });
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create(options));
        Assert.Contains("Models:1", ex.Message, StringComparison.Ordinal);
    }
}
