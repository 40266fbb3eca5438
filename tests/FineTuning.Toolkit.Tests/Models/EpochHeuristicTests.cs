using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Tests.Models;

public sealed class EpochHeuristicTests
{
    [Theory]
    [InlineData(0, 25)]
    [InlineData(1, 25)]     // 100 / 1 = 100, capped at 25
    [InlineData(3, 25)]     // 100 / 3 = 33, capped
    [InlineData(4, 25)]     // 100 / 4 = 25 exactly
    [InlineData(5, 20)]     // the cookbook's sample: 5 examples, 20 epochs
    [InlineData(10, 10)]
    [InlineData(20, 5)]
    [InlineData(26, 3)]     // 78 < 100: 100 / 26 = 3
    [InlineData(33, 3)]     // 99 < 100: 100 / 33 = 3
    [InlineData(34, 3)]     // 102: the default
    [InlineData(8333, 3)]   // 24,999: still the default
    [InlineData(8334, 2)]   // 25,002 > 25,000: 25,000 / 8,334 = 2
    [InlineData(12500, 2)]
    [InlineData(12501, 1)]
    [InlineData(25001, 1)]  // 25,000 / 25,001 = 0, floored at 1
    [InlineData(10_000_000, 1)]
    public void Matches_the_cookbook_rule(long examples, int expected) =>
        Assert.Equal(expected, EpochHeuristic.ForExampleCount(examples));

    [Fact]
    public void Negative_counts_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EpochHeuristic.ForExampleCount(-1));
}
