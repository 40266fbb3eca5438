namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Emulated time: the configured provider's time, sped up by <see cref="OpenAIEmulatorOptions.Speed"/> from the start instant.</summary>
internal sealed class VirtualClock
{
    private readonly TimeProvider _provider;
    private readonly DateTimeOffset _origin;
    private readonly double _speed;

    public VirtualClock(TimeProvider provider, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speed, 0);
        _provider = provider;
        _speed = speed;
        _origin = provider.GetUtcNow();
    }

    public DateTimeOffset Now
    {
        get
        {
            var elapsed = _provider.GetUtcNow() - _origin;
            return _speed == 1.0 ? _origin + elapsed : _origin + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
        }
    }

    public long UnixNow => Now.ToUnixTimeSeconds();

    /// <summary>The time provider's own (unaccelerated) time, for things that take real time at any speed, like transfers.</summary>
    public DateTimeOffset ProviderNow => _provider.GetUtcNow();

    /// <summary>Converts emulated time to provider time (used for rate-limit reset hints).</summary>
    public TimeSpan ToProviderSpan(TimeSpan emulated) => _speed == 1.0 ? emulated : TimeSpan.FromTicks((long)(emulated.Ticks / _speed));
}
