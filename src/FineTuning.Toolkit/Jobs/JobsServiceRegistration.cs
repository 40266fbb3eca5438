using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Registers the Jobs services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class JobsServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
