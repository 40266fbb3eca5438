namespace FineTuning.Toolkit.Testing;

/// <summary>One request the emulator received, for test assertions (e.g. how often a client retried).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, with Azure's <c>/openai/v1/</c> prefix normalised to <c>/v1/</c>.</param>
/// <param name="StatusCode">The status answered (0 when the connection was aborted).</param>
/// <param name="Fault">The fault injected, if any.</param>
/// <param name="Azure">Whether the request used the Azure <c>/openai/v1/</c> prefix.</param>
public sealed record EmulatedRequest(string Method, string Path, int StatusCode, EmulatorFaultKind? Fault, bool Azure)
{
    /// <summary>
    /// Gets the path and query string exactly as the client sent them, before any rewrite (e.g.
    /// <c>/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21</c> where <see cref="Path"/> is
    /// <c>/v1/chat/completions</c>).
    /// </summary>
    public string RequestTarget { get; init; } = Path;
}
