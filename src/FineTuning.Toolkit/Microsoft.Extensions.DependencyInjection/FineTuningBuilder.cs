namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The default <see cref="IFineTuningBuilder"/>.</summary>
internal sealed class FineTuningBuilder(IServiceCollection services) : IFineTuningBuilder
{
    /// <inheritdoc/>
    public IServiceCollection Services { get; } = services;
}
