using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>Registers the Evaluation services; called by <c>AddFineTuning</c>. Uses TryAdd so a double registration is harmless.</summary>
internal static class EvaluationServiceRegistration
{
    /// <summary>Adds this area's services to <paramref name="services"/>.</summary>
    internal static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
