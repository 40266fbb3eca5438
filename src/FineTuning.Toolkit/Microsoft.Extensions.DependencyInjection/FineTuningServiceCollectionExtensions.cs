using FineTuning.Toolkit;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Deployments;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FineTuning.Toolkit: datasets, tokenization, models, jobs and evaluation.</summary>
public static class FineTuningServiceCollectionExtensions
{
    /// <summary>
    /// Adds the toolkit with options from code. Every service is added with TryAdd, so calling this twice, or
    /// registering your own <see cref="IFineTuningJobClient"/> or <see cref="TimeProvider"/> first, is harmless.
    /// Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; missing endpoint and key fall back to the environment variables.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IFineTuningBuilder AddFineTuning(this IServiceCollection services, Action<FineTuningToolkitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services, null);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new FineTuningBuilder(services);
    }

    /// <summary>Adds the toolkit with options bound from configuration (the <c>FineTuning</c> section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="fineTuningSection">The <c>FineTuning</c> section, e.g. <c>configuration.GetSection("FineTuning")</c>.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IFineTuningBuilder AddFineTuning(this IServiceCollection services, IConfiguration fineTuningSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(fineTuningSection);
        AddCore(services, fineTuningSection);
        services.AddOptions<FineTuningToolkitOptions>().Bind(fineTuningSection);
        return new FineTuningBuilder(services);
    }

    private static void AddCore(IServiceCollection services, IConfiguration? section)
    {
        ConnectionsServiceRegistration.Register(services);
        DatasetsServiceRegistration.Register(services, section);
        TokenizationServiceRegistration.Register(services, section);
        ModelsServiceRegistration.Register(services, section);
        JobsServiceRegistration.Register(services, section);
        EvaluationServiceRegistration.Register(services, section);
        DeploymentsServiceRegistration.Register(services);
        FineTuning.Toolkit.Migration.MigrationServiceRegistration.Register(services);
    }
}
