namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// Paces requests under a requests-per-minute and a tokens-per-minute limit with two token buckets over a
/// <see cref="TimeProvider"/>, so a run stays under a deployment's quota instead of bouncing off 429s.
/// </summary>
/// <remarks>
/// <para>Each bucket holds at most <see cref="Burst"/> worth of the limit (default one second) and refills at
/// <c>(limit − burst) / 60 s</c>, so no sliding 60-second window ever holds more than the limit (the way the service
/// counts) while the sustained rate stays within a few percent of it. A request larger than the token bucket's capacity waits until the bucket is full and then drives it
/// negative, so oversized requests are paced rather than refused.</para>
/// <para>Callers that learn the true token count after the response call <see cref="Adjust"/> with the difference.
/// Waiters are served one at a time in arrival order. Thread-safe.</para>
/// </remarks>
internal sealed class RequestRateLimiter : IDisposable
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly object _gate = new();
    private readonly Bucket? _requests;
    private readonly Bucket? _tokens;

    /// <summary>Initializes a new instance of the <see cref="RequestRateLimiter"/> class.</summary>
    /// <param name="requestsPerMinute">The request limit per minute; null or 0 for none.</param>
    /// <param name="tokensPerMinute">The token limit per minute; null or 0 for none.</param>
    /// <param name="burst">How much refill time the buckets may bank; default one second. At least 1 request always fits.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative, or <paramref name="burst"/> is not positive.</exception>
    public RequestRateLimiter(int? requestsPerMinute, int? tokensPerMinute, TimeSpan? burst = null, TimeProvider? timeProvider = null)
    {
        if (requestsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), requestsPerMinute, "The request limit cannot be negative.");
        if (tokensPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(tokensPerMinute), tokensPerMinute, "The token limit cannot be negative.");
        Burst = burst ?? TimeSpan.FromSeconds(1);
        if (Burst <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst window must be positive.");
        _time = timeProvider ?? TimeProvider.System;
        RequestsPerMinute = requestsPerMinute is > 0 ? requestsPerMinute : null;
        TokensPerMinute = tokensPerMinute is > 0 ? tokensPerMinute : null;
        var now = _time.GetTimestamp();
        if (RequestsPerMinute is { } rpm) _requests = CreateBucket(rpm, Burst, now);
        if (TokensPerMinute is { } tpm) _tokens = CreateBucket(tpm, Burst, now);
    }

    /// <summary>Gets the request limit per minute, or null when requests are not limited.</summary>
    public int? RequestsPerMinute { get; }

    /// <summary>Gets the token limit per minute, or null when tokens are not limited.</summary>
    public int? TokensPerMinute { get; }

    /// <summary>Gets how much refill time each bucket may bank.</summary>
    public TimeSpan Burst { get; }

    /// <summary>Waits until one request costing <paramref name="tokens"/> tokens may be sent, and takes it from the buckets.</summary>
    /// <param name="tokens">The request's estimated token cost (prompt plus expected output).</param>
    /// <param name="cancellationToken">Cancels the wait; nothing is taken when cancelled.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokens"/> is negative.</exception>
    public async ValueTask AcquireAsync(int tokens, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        if (_requests is null && _tokens is null) return;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = _time.GetTimestamp();
                    _requests?.Refill(now, _time);
                    _tokens?.Refill(now, _time);
                    var requestWait = _requests?.TimeUntil(1.0) ?? TimeSpan.Zero;
                    var tokenWait = _tokens?.TimeUntil(Math.Min(tokens, _tokens.Capacity)) ?? TimeSpan.Zero;
                    wait = requestWait > tokenWait ? requestWait : tokenWait;
                    if (wait <= TimeSpan.Zero)
                    {
                        _requests?.Take(1.0);
                        _tokens?.Take(tokens);
                        return;
                    }
                }
                // Round up to whole milliseconds so a timer never fires just short of the refill it waits for.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Corrects the token bucket once the real token count of a request is known.</summary>
    /// <param name="tokenDelta">Actual minus estimated tokens: positive takes more, negative gives back.</param>
    public void Adjust(int tokenDelta)
    {
        if (_tokens is null || tokenDelta == 0) return;
        lock (_gate)
        {
            _tokens.Refill(_time.GetTimestamp(), _time);
            _tokens.Take(tokenDelta);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _turn.Dispose();

    private static Bucket CreateBucket(int perMinute, TimeSpan burst, long now)
    {
        // A bucket of capacity C refilling at r per second admits at most C + 60·r in any 60-second window; choosing
        // r = (limit − C) / 60 keeps every sliding minute within the limit (what the service enforces) while running
        // at (limit − C) / limit of it: 98.3% with the default one-second burst.
        var capacity = Math.Min(perMinute, Math.Max(1.0, perMinute / 60.0 * burst.TotalSeconds));
        var perSecond = Math.Max(perMinute - capacity, perMinute / 60.0) / 60.0;
        return new Bucket(perSecond, capacity, now);
    }

    private sealed class Bucket(double perSecond, double capacity, long start)
    {
        private double _level = capacity;
        private long _last = start;

        public double Capacity { get; } = capacity;

        public void Refill(long now, TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_last, now).TotalSeconds;
            if (elapsed > 0) _level = Math.Min(Capacity, _level + elapsed * perSecond);
            _last = now;
        }

        public TimeSpan TimeUntil(double amount) =>
            _level >= amount ? TimeSpan.Zero : TimeSpan.FromSeconds((amount - _level) / perSecond);

        public void Take(double amount) => _level = Math.Min(Capacity, _level - amount);
    }
}
