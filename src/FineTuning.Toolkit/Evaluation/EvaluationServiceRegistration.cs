using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using FineTuning.Toolkit.Evaluation.Batch;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Sweeps;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>Registers the Evaluation services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class EvaluationServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>FineTuning</c> configuration section when the toolkit is bound from configuration; otherwise null.</param>
    internal static void Register(IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = configuration;
        RegisterScoringStatisticsAndReports(services);
        RegisterRunner(services);
    }

    /// <summary>The runner, the batch-price-aware cost lookup (the evalrun part of the area).</summary>
    /// <remarks>Targets (IChatClient + model) are built by the caller (<c>IFineTuningConnection.GetChatClient</c>); <see cref="BatchEvalRunner"/> uses the registered connection.</remarks>
    private static void RegisterRunner(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new EvalRunner(sp.GetService<ILogger<EvalRunner>>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new BatchEvalRunner(sp.GetRequiredService<IFineTuningConnection>(), sp.GetService<ILogger<BatchEvalRunner>>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IEvalPriceLookup>(sp => new CatalogEvalPriceLookup(sp.GetService<IModelCatalog>()));
        services.TryAddSingleton(sp => new SweepRunner(
            sp.GetRequiredService<FineTuningWorkflow>(),
            sp.GetRequiredService<IFineTuningJobClient>(),
            sp.GetRequiredService<IFineTuningFileClient>(),
            sp.GetRequiredService<FineTuningJobMonitor>(),
            sp.GetRequiredService<EvalRunner>(),
            sp.GetRequiredService<IFineTuningConnection>()));
    }

    /// <summary>Scorers, statistics, probes and reports (the evalcore part of the area).</summary>
    private static void RegisterScoringStatisticsAndReports(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new EvalScorerRegistry(sp));
    }
}
