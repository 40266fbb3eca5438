using System.ClientModel.Primitives;
using Azure.Core;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// Adds <c>Authorization: Bearer {token}</c> from a Microsoft Entra ID <see cref="TokenCredential"/> for one scope, caching
/// the token until five minutes before it expires. Tokens are sent only over https, or to a loopback address (the emulator).
/// </summary>
internal sealed class TokenCredentialPolicy : AuthenticationPolicy
{
    private static readonly TimeSpan s_refreshMargin = TimeSpan.FromMinutes(5);
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _context;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public TokenCredentialPolicy(TokenCredential credential, string scope, TimeProvider time)
    {
        _credential = credential;
        _context = new TokenRequestContext([scope]);
        _time = time;
    }

    /// <inheritdoc/>
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessAsync(message, pipeline, currentIndex).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        var uri = message.Request.Uri;
        if (uri is not null && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new InvalidOperationException($"A Microsoft Entra ID token is sent only over https; the endpoint {uri.GetLeftPart(UriPartial.Authority)} is not.");
        }

        var token = await GetTokenAsync(message.CancellationToken).ConfigureAwait(false);
        message.Request.Headers.Set("Authorization", "Bearer " + token);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.ExpiresOn - s_refreshMargin > _time.GetUtcNow())
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && again.ExpiresOn - s_refreshMargin > _time.GetUtcNow())
            {
                return again.Token;
            }

            var fresh = await _credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
            _token = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
