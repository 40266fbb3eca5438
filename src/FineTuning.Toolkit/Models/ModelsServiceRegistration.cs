using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Models;

/// <summary>Registers the Models services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class ModelsServiceRegistration
{
    /// <summary>The configuration subsection (of the <c>FineTuning</c> section) bound to <see cref="ModelCatalogOptions"/>.</summary>
    internal const string CatalogSection = "Catalog";

    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>FineTuning</c> configuration section when the toolkit is bound from configuration; otherwise null.</param>
    internal static void Register(IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ModelCatalogOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(CatalogSection));
        }

        options.ValidateOnStart();
        options.Validate(o => o.RetirementWarningDays >= 0, "FineTuning:Catalog:RetirementWarningDays cannot be negative.");
        options.Validate(
            o => o.Models.All(m => !string.IsNullOrWhiteSpace(m.Provider) && !string.IsNullOrWhiteSpace(m.Id)),
            "Every entry of FineTuning:Catalog:Models needs 'Provider' and 'Id'.");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IModelCatalog>(sp =>
            ModelCatalog.Create(sp.GetRequiredService<IOptions<ModelCatalogOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TrainingCostEstimator(
            sp.GetRequiredService<IModelCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ModelCatalogOptions>>().Value.RetirementWarningDays));
    }
}
