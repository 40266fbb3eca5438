namespace FineTuning.Toolkit.Connections;

/// <summary>A resolved connection: what <see cref="ConnectionResolver"/> worked out from the options and the environment.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Kind">The kind of endpoint.</param>
/// <param name="BaseAddress">The base address of the OpenAI-style routes, ending in <c>/</c> (null only with a custom client that brings its own).</param>
/// <param name="Auth">How requests authenticate.</param>
/// <param name="ApiKey">The API key (a secret: never logged).</param>
/// <param name="Credential">The Entra ID credential, when <paramref name="Auth"/> is <see cref="AuthKind.TokenCredential"/> and one was given.</param>
/// <param name="Scope">The token scope for <see cref="AuthKind.TokenCredential"/>.</param>
/// <param name="Organization">The OpenAI organization id.</param>
/// <param name="Project">The OpenAI project id.</param>
/// <param name="RequestTimeout">The timeout of one HTTP attempt.</param>
internal sealed record ConnectionSettings(
    FineTuningProvider Provider,
    EndpointKind Kind,
    Uri? BaseAddress,
    AuthKind Auth,
    string? ApiKey,
    Azure.Core.TokenCredential? Credential,
    string? Scope,
    string? Organization,
    string? Project,
    TimeSpan RequestTimeout)
{
    /// <summary>Gets what the provider supports.</summary>
    public ProviderCapabilities Capabilities { get; init; } = ProviderCapabilities.OpenAI;

    /// <summary>Describes the connection without secrets.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{Provider} ({Kind}) at {BaseAddress?.ToString() ?? "(custom client)"}, auth {Auth}" + (Scope is null ? string.Empty : $" ({Scope})");
}
