using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Models;

/// <summary>Clocks for the catalog tests: a <see cref="FakeTimeProvider"/> stopped at noon UTC of a date.</summary>
internal static class TestClocks
{
    public static FakeTimeProvider At(string isoDate) =>
        new(DateTimeOffset.Parse(isoDate + "T12:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture));
}
