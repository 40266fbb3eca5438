namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddFineTuning</c>; further configuration hangs off it as extension methods.</summary>
public interface IFineTuningBuilder
{
    /// <summary>Gets the service collection the toolkit is registered in.</summary>
    IServiceCollection Services { get; }
}
