using FineTuning.Toolkit.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

public sealed class CatalogEvalPriceLookupTests
{
    [Fact]
    public void Get_cost_base_fine_tuned_and_batch_prices()
    {
        var prices = new CatalogEvalPriceLookup();
        // gpt-4o list prices: $2.50 / $10 per million; fine-tuned $3.75 / $15; batch half price.
        Assert.Equal(12.5m, prices.GetCost("gpt-4o-2024-08-06", 1_000_000, 1_000_000, batch: false));
        Assert.Equal(18.75m, prices.GetCost("ft:gpt-4o-2024-08-06:acme::abc123", 1_000_000, 1_000_000, batch: false));
        Assert.Equal(9.375m, prices.GetCost("ft:gpt-4o-2024-08-06:acme::abc123", 1_000_000, 1_000_000, batch: true));
        Assert.Null(prices.GetCost("my-azure-deployment", 1, 1, batch: false));
    }

    [Fact]
    public void Register_adds_the_runner_and_prices()
    {
        var services = new ServiceCollection();
        EvaluationServiceRegistration.Register(services, configuration: null);
        EvaluationServiceRegistration.Register(services, configuration: null);
        Assert.Single(services, d => d.ServiceType == typeof(EvalRunner));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.NotNull(provider.GetRequiredService<EvalRunner>());
        Assert.IsType<CatalogEvalPriceLookup>(provider.GetRequiredService<IEvalPriceLookup>());
    }
}
