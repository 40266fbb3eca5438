namespace FineTuning.Toolkit.Tests.Models;

/// <summary>A clock stopped at a given instant (TimeProvider.Testing is not available here).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public static FixedTimeProvider At(string isoDate) =>
        new(DateTimeOffset.Parse(isoDate + "T12:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture));
}
