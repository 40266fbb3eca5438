using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Connections;

/// <summary>Registers the one connection; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class ConnectionsServiceRegistration
{
    /// <summary>Adds the options setup and validation and the connection to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FineTuningToolkitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<FineTuningToolkitOptions>, FineTuningToolkitOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FineTuningToolkitOptions>, FineTuningToolkitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ProviderConnection.Create(
            sp.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<CustomOpenAIClientSource>()?.Factory(sp)));
        services.TryAddSingleton<IFineTuningConnection>(sp => sp.GetRequiredService<ProviderConnection>());
    }
}
