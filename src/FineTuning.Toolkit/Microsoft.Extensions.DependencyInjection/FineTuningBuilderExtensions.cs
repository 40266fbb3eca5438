using FineTuning.Toolkit;
using FineTuning.Toolkit.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configuration of the toolkit after <c>AddFineTuning</c>.</summary>
public static class FineTuningBuilderExtensions
{
    /// <summary>
    /// Sends the toolkit's requests through your own <see cref="OpenAIClient"/> (for example one built with a
    /// <c>BearerTokenPolicy</c> for Entra ID on Azure, or a custom transport). Its pipeline supplies authentication,
    /// so no API key is required; <see cref="FineTuningToolkitOptions.Endpoint"/>, when set, overrides the client's endpoint.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the client.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IFineTuningBuilder UseOpenAIClient(this IFineTuningBuilder builder, Func<IServiceProvider, OpenAIClient> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(new CustomOpenAIClientSource(factory)));
        builder.Services.Configure<FineTuningToolkitOptions>(o => o.HasCustomClient = true);
        return builder;
    }

    /// <summary>
    /// Authenticates Azure requests with a Microsoft Entra ID credential (for example <c>new DefaultAzureCredential()</c>)
    /// instead of an API key; the token scope follows the endpoint (resource or Foundry project).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="credential">The credential.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IFineTuningBuilder UseTokenCredential(this IFineTuningBuilder builder, Azure.Core.TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(credential);
        builder.Services.Configure<FineTuningToolkitOptions>(o => o.Credential = credential);
        return builder;
    }

    /// <summary>Changes the toolkit options after registration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IFineTuningBuilder Configure(this IFineTuningBuilder builder, Action<FineTuningToolkitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
