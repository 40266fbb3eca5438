using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>Registers the Tokenization services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class TokenizationServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>FineTuning</c> configuration section when the toolkit is bound from configuration; otherwise null.</param>
    internal static void Register(IServiceCollection services, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = configuration;
    }
}
