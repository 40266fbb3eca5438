using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>Registers the Tokenization services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class TokenizationServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
