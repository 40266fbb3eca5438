using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Requests-per-minute and tokens-per-minute limits over a sliding one-minute window of emulated time.</summary>
internal sealed class RateLimiter
{
    private const int ReportedRequestLimit = 10_000;
    private const int ReportedTokenLimit = 10_000_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, int Tokens)> _window = new();
    private readonly VirtualClock _clock;
    private readonly int? _rpm;
    private readonly int? _tpm;
    private long _tokensInWindow;

    public RateLimiter(VirtualClock clock, int? rpm, int? tpm)
    {
        _clock = clock;
        _rpm = rpm;
        _tpm = tpm;
    }

    /// <summary>Admits a request of <paramref name="tokens"/> or throws a 429 <see cref="ApiError"/>; sets the <c>x-ratelimit-*</c> headers either way.</summary>
    public void Acquire(HttpResponse response, int tokens, TimeSpan retryAfterFloor)
    {
        lock (_gate)
        {
            var now = _clock.Now;
            while (_window.Count > 0 && _window.Peek().At + Window <= now)
            {
                _tokensInWindow -= _window.Dequeue().Tokens;
            }

            var requestLimit = _rpm ?? ReportedRequestLimit;
            var tokenLimit = _tpm ?? ReportedTokenLimit;
            var overRequests = _rpm is { } rpm && _window.Count + 1 > rpm;
            var overTokens = _tpm is { } tpm && _tokensInWindow + tokens > tpm && _window.Count > 0;
            if (!overRequests && !overTokens)
            {
                _window.Enqueue((now, tokens));
                _tokensInWindow += tokens;
            }

            var resetRequests = _window.Count > 0 ? _window.Peek().At + Window - now : TimeSpan.Zero;
            var resetTokens = ResetTokens(now, tokenLimit, tokens);
            var headers = response.Headers;
            headers["x-ratelimit-limit-requests"] = requestLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-limit-tokens"] = tokenLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = Math.Max(0, requestLimit - _window.Count).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = Math.Max(0, tokenLimit - _tokensInWindow).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = Duration(resetRequests);
            headers["x-ratelimit-reset-tokens"] = Duration(resetTokens);
            if (!overRequests && !overTokens)
            {
                return;
            }

            var wait = _clock.ToProviderSpan(overRequests ? resetRequests : resetTokens);
            if (wait < retryAfterFloor)
            {
                wait = retryAfterFloor;
            }

            headers["retry-after"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            headers["retry-after-ms"] = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            var message = overRequests
                ? $"Rate limit reached for requests per min (RPM): Limit {requestLimit}, Used {_window.Count}, Requested 1. Please try again in {Duration(wait)}."
                : $"Rate limit reached for tokens per min (TPM): Limit {tokenLimit}, Used {_tokensInWindow}, Requested {tokens}. Please try again in {Duration(wait)}.";
            throw new ApiError(429, message, overRequests ? "requests" : "tokens", code: "rate_limit_exceeded");
        }
    }

    private TimeSpan ResetTokens(DateTimeOffset now, long limit, int wanted)
    {
        // Time until enough tokens leave the window to admit 'wanted' more.
        var excess = _tokensInWindow + wanted - limit;
        if (excess <= 0)
        {
            return TimeSpan.Zero;
        }

        foreach (var (at, tokens) in _window)
        {
            excess -= tokens;
            if (excess <= 0)
            {
                return at + Window - now;
            }
        }

        return Window;
    }

    private static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (span < TimeSpan.FromSeconds(1))
        {
            return ((int)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        return span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
