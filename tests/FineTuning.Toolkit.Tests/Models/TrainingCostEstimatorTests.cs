using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Models;

public sealed class TrainingCostEstimatorTests
{
    private static TrainingCostEstimator At(string date, int warningDays = 90) =>
        new(ModelCatalog.BuiltIn, TestClocks.At(date), warningDays);

    private static string[] Codes(IEnumerable<DatasetDiagnostic> diagnostics) => diagnostics.Select(d => d.Code).ToArray();

    [Fact]
    public void Billed_tokens_clamp_each_example_to_the_limit_and_multiply_by_epochs()
    {
        var stats = TestStats.Of(100, 70_000, 65_536, 200);
        var estimate = At("2026-06-01").Estimate(new TrainingEstimateRequest { Model = "gpt-4o-mini", Epochs = 2 }, stats);

        Assert.Equal(65_536, estimate.ExampleTokenLimit);
        Assert.Equal(135_836, estimate.TrainingTokens);
        Assert.Equal(100 + 65_536 + 65_536 + 200, estimate.BillableTokensPerEpoch);
        Assert.Equal(262_744, estimate.BilledTokens);
        Assert.Equal(new CostRange(0.7882m, 0.7882m, 0.7882m, "USD"), estimate.Cost); // 262,744 × $3 / 1M = 0.788232
        Assert.False(estimate.Cost!.IsRange);
        Assert.Equal(1, estimate.ExamplesOverLimit);
        var over = Assert.Single(estimate.Diagnostics, d => d.Code == ModelDiagnosticCodes.ExampleOverLimit);
        Assert.Equal(2, over.Line);
        Assert.Contains("4464 tokens", over.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, over.Severity);
    }

    [Fact]
    public void Auto_epochs_use_the_heuristic_and_validation_tokens_are_not_billed()
    {
        var training = TestStats.Of(Enumerable.Repeat(861, 5).ToArray()); // 4,305 tokens, as in the cookbook's sample
        var validation = TestStats.Of(5_000);
        var estimate = At("2026-06-01").Estimate(new TrainingEstimateRequest { Model = "gpt-4.1-2025-04-14" }, training, validation);

        Assert.True(estimate.EpochsAreAuto);
        Assert.Equal(20, estimate.Epochs);
        Assert.Equal(86_100, estimate.BilledTokens);
        Assert.Equal(5_000, estimate.ValidationTokens);
        Assert.Equal(2.1525m, estimate.Cost!.Expected); // 86,100 × $25 / 1M
    }

    [Fact]
    public void Azure_standard_tier_gives_a_range_and_developer_halves_the_price()
    {
        var stats = TestStats.Of(Enumerable.Repeat(1_000, 1_000).ToArray()); // 1M tokens per epoch
        var estimator = At("2026-06-01");

        var global = estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4.1", Epochs = 3 }, stats);
        Assert.Equal("global", global.Tier);
        Assert.Equal(new CostRange(75m, 75m, 75m, "USD"), global.Cost);

        var standard = estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4.1", Epochs = 3, Tier = "Standard" }, stats);
        Assert.Equal(new CostRange(83.325m, 93.75m, 107.175m, "USD"), standard.Cost);
        Assert.True(standard.Cost!.IsRange);

        var developer = estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4.1", Epochs = 3, Tier = "developerTier" }, stats);
        Assert.Equal(37.5m, developer.Cost!.Expected);

        var uncertain = estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4.1", Epochs = 3, TokenCountUncertainty = 0.1 }, stats);
        Assert.Equal(new CostRange(67.5m, 75m, 82.5m, "USD"), uncertain.Cost);

        var badTier = estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "o4-mini", Tier = "developer", Method = ModelTrainingMethods.Reinforcement }, stats);
        Assert.Contains(ModelDiagnosticCodes.UnknownTier, Codes(badTier.Diagnostics));
    }

    [Fact]
    public void Time_billed_reinforcement_needs_hours()
    {
        var stats = TestStats.Of(500, 600);
        var estimator = At("2026-06-01");
        var request = new TrainingEstimateRequest { Model = "o4-mini", Method = ModelTrainingMethods.Reinforcement, Epochs = 1 };

        var noHours = estimator.Estimate(request, stats);
        Assert.Null(noHours.Cost);
        Assert.Contains(ModelDiagnosticCodes.PriceUnknown, Codes(noHours.Diagnostics));
        Assert.Contains(ModelDiagnosticCodes.LimitUnknown, Codes(noHours.Diagnostics));
        Assert.DoesNotContain(ModelDiagnosticCodes.MethodUnsupported, Codes(noHours.Diagnostics));

        var withHours = estimator.Estimate(request with { TrainingHours = 2.345 }, stats);
        Assert.Equal(235m, withHours.Cost!.Expected); // 2.35 h (rounded to 2 decimals) × $100
    }

    [Fact]
    public void Unknown_models_are_flagged_and_not_priced()
    {
        var estimate = At("2026-06-01").Estimate(new TrainingEstimateRequest { Model = "gpt-9-ultra" }, TestStats.Of(10, 20));
        Assert.Equal(new[] { ModelDiagnosticCodes.UnknownModel }, Codes(estimate.Diagnostics));
        Assert.Null(estimate.Cost);
        Assert.Null(estimate.CatalogEntry);
        Assert.Equal(30 * 25, estimate.BilledTokens); // 2 examples: 25 auto epochs, no truncation assumed
    }

    [Theory]
    [InlineData("2026-06-01", new string[0])]
    [InlineData("2026-10-07", new string[0])]                            // 91 days before 2027-01-06
    [InlineData("2026-10-08", new[] { "FT6009" })]                       // exactly 90 days
    [InlineData("2026-11-22", new[] { "FT6009", "FT6003" })]
    [InlineData("2027-01-05", new[] { "FT6009", "FT6003" })]
    [InlineData("2027-01-06", new[] { "FT6002", "FT6003" })]             // no new jobs from this day
    [InlineData("2027-01-14", new[] { "FT6002", "FT6004" })]             // the base model is shut down
    public void OpenAI_wind_down_warnings_follow_the_clock(string today, string[] expected)
    {
        var diagnostics = At(today).CheckModel("openai", "ft:gpt-4o-mini-2024-07-18:acme:x:1");
        Assert.Equal(expected, Codes(diagnostics));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity)); // the dates are marked uncertain
    }

    [Fact]
    public void Planned_start_overrides_the_clock_and_the_threshold_is_configurable()
    {
        var estimator = At("2026-06-01", warningDays: 30);
        // gpt-4o-mini: new jobs end 2027-01-06 (gpt-4.1-nano's fine-tunes were removed on 2026-10-23).
        Assert.Empty(estimator.CheckModel("openai", "gpt-4o-mini", plannedStart: new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero))); // 31 days
        Assert.Equal(
            new[] { "FT6009" },
            Codes(estimator.CheckModel("openai", "gpt-4o-mini", plannedStart: new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero))));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingCostEstimator(ModelCatalog.BuiltIn, null, -1));
    }

    [Fact]
    public void Certain_dates_give_errors_and_methods_are_checked()
    {
        var catalog = new ModelCatalog([
            new ModelCatalogEntry
            {
                Provider = "openai", Id = "m-1", Source = "test", AsOf = new DateOnly(2026, 1, 1),
                Methods = ModelTrainingMethods.Supervised,
                Lifecycle = new ModelLifecycle { TrainingEndsOn = new DateOnly(2026, 3, 1), BaseModelRetiresOn = new DateOnly(2026, 4, 1) },
            },
        ]);
        var estimator = new TrainingCostEstimator(catalog, TestClocks.At("2026-05-01"));
        var diagnostics = estimator.CheckModel("openai", "m-1", ModelTrainingMethods.Dpo | ModelTrainingMethods.Vision);
        Assert.Equal(new[] { "FT6002", "FT6004", "FT6005" }, Codes(diagnostics));
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[1].Severity);
        Assert.Contains("dpo, vision", diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("supported: supervised", diagnostics[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_require_vision_support()
    {
        var builder = new DatasetTokenStatisticsBuilder();
        builder.Add(new ExampleTokenCounts { LineNumber = 1, TotalTokens = 200, Images = 1, Messages = 2, UserMessages = 1, AssistantMessages = 1 });
        var estimator = At("2026-06-01");
        Assert.Contains(ModelDiagnosticCodes.MethodUnsupported, Codes(estimator.Estimate(new TrainingEstimateRequest { Model = "gpt-4o-mini" }, builder.Build()).Diagnostics));
        Assert.DoesNotContain(ModelDiagnosticCodes.MethodUnsupported, Codes(estimator.Estimate(new TrainingEstimateRequest { Model = "gpt-4o" }, builder.Build()).Diagnostics));
        Assert.Contains(ModelDiagnosticCodes.MethodUnsupported, Codes(estimator.Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4o-mini", Method = ModelTrainingMethods.Dpo }, TestStats.Of(10)).Diagnostics));
    }

    [Fact]
    public void Azure_job_token_cap_is_an_error()
    {
        var stats = TestStats.Of(Enumerable.Repeat(60_000, 700).ToArray()); // 42M per epoch × 50 = 2.1 billion
        var estimate = At("2026-06-01").Estimate(new TrainingEstimateRequest { Provider = "azure", Model = "gpt-4.1-mini", Epochs = 50 }, stats);
        Assert.Equal(2_100_000_000, estimate.BilledTokens);
        Assert.Contains(ModelDiagnosticCodes.JobTokenCapExceeded, Codes(estimate.Diagnostics));
        Assert.True(estimate.HasErrors);
    }

    [Fact]
    public void Per_example_diagnostics_are_capped_with_a_summary()
    {
        var stats = TestStats.Of(Enumerable.Repeat(70_000, 5).ToArray());
        var estimate = At("2026-06-01").Estimate(new TrainingEstimateRequest { Model = "gpt-4o", Epochs = 1, MaxExampleDiagnostics = 2 }, stats);
        var over = estimate.Diagnostics.Where(d => d.Code == ModelDiagnosticCodes.ExampleOverLimit).ToArray();
        Assert.Equal(3, over.Length);
        Assert.Equal(new long[] { 1, 2, 0 }, over.Select(d => d.Line).ToArray());
        Assert.Contains("3 more", over[2].Message, StringComparison.Ordinal);
        Assert.Equal(5, estimate.ExamplesOverLimit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Epochs_out_of_range_are_rejected(int epochs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            At("2026-06-01").Estimate(new TrainingEstimateRequest { Model = "gpt-4o", Epochs = epochs }, TestStats.Of(1)));
}
