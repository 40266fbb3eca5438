namespace FineTuning.Toolkit.Testing;

/// <summary>
/// A controllable <see cref="TimeProvider"/> for tests: time stands still until <see cref="Advance"/> or
/// <see cref="SetUtcNow"/> moves it. Pass it as <see cref="OpenAIEmulatorOptions.TimeProvider"/> to make the
/// emulator's job and batch lifecycles fully deterministic.
/// </summary>
/// <remarks>Thread-safe. Time never moves backwards. Timers created from this provider are not driven by it.</remarks>
public sealed class EmulatorClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    /// <summary>Creates a clock that starts at <paramref name="start"/> (default 2026-01-01T00:00:00Z).</summary>
    /// <param name="start">The initial instant.</param>
    public EmulatorClock(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward.</summary>
    /// <param name="delta">How far; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
        }
    }

    /// <summary>Sets the clock to <paramref name="value"/>, which must not be earlier than the current time.</summary>
    /// <param name="value">The new instant.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is in the past.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The emulator clock cannot move backwards.");
            }

            _now = value;
        }
    }
}
