using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FineTuning.Toolkit.Migration;

/// <summary>Registers the migration kit; called by <c>AddFineTuning</c>.</summary>
internal static class MigrationServiceRegistration
{
    /// <summary>Adds <see cref="IMigrationKit"/> to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    internal static void Register(IServiceCollection services)
    {
        services.TryAddSingleton<IMigrationKit>(sp => new MigrationKit(
            sp.GetRequiredService<FineTuningExporter>(),
            sp.GetRequiredService<IFineTuningConnection>(),
            sp.GetService<IModelCatalog>(),
            sp.GetService<TimeProvider>()));
    }
}
