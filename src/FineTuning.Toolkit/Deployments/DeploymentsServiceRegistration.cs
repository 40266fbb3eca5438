using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Deployments;

/// <summary>Registers the deployment client; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class DeploymentsServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IModelDeploymentClient>(sp => new ArmDeploymentClient(
            sp.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            () => sp.GetRequiredService<IFineTuningConnection>(),
            sp.GetService<IModelCatalog>()));
    }
}
