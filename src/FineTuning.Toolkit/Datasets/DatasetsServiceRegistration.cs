using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Registers the Datasets services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class DatasetsServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
