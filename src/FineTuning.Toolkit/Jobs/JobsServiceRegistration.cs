using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using FineTuning.Toolkit.Connections;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Registers the Jobs services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class JobsServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>FineTuning</c> configuration section when the toolkit is bound from configuration; otherwise null.</param>
    internal static void Register(IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OpenAIFineTuningClient(
            sp.GetRequiredService<ProviderConnection>().Api,
            sp.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value.AzureTrainingType,
            sp.GetService<FineTuning.Toolkit.Models.IModelCatalog>()));
        services.TryAddSingleton(sp => new TogetherFineTuningClient(sp.GetRequiredService<ProviderConnection>().Api));

        // The one selection point: Together has its own API; OpenAI, Azure and compatible services speak the OpenAI wire.
        services.TryAddSingleton<IFineTuningJobClient>(sp => IsTogether(sp) ? sp.GetRequiredService<TogetherFineTuningClient>() : sp.GetRequiredService<OpenAIFineTuningClient>());
        services.TryAddSingleton<IFineTuningFileClient>(sp => IsTogether(sp) ? sp.GetRequiredService<TogetherFineTuningClient>() : sp.GetRequiredService<OpenAIFineTuningClient>());
        services.TryAddSingleton<IModelWeightsClient>(sp => IsTogether(sp)
            ? sp.GetRequiredService<TogetherFineTuningClient>()
            : new NoModelWeightsClient(sp.GetRequiredService<ProviderConnection>().Capabilities));

        // Models on the service (GET/DELETE /models): the OpenAI wire (OpenAI, Azure, compatible).
        services.TryAddSingleton<IFineTuningModelClient>(sp => sp.GetRequiredService<OpenAIFineTuningClient>());
        services.TryAddSingleton<IAzureFineTuningClient>(sp => sp.GetRequiredService<OpenAIFineTuningClient>());
        services.TryAddSingleton<DatasetUploader>();
        services.TryAddSingleton<FineTuningJobMonitor>();
        services.TryAddSingleton<FineTuningWorkflow>();
        services.TryAddSingleton<FineTuningExporter>();
    }

    private static bool IsTogether(IServiceProvider services) => services.GetRequiredService<ProviderConnection>().Provider == FineTuningProvider.Together;
}
