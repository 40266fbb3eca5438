using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using FsCheck;
using FsCheck.Fluent;

namespace FineTuning.Toolkit.Tests.Models;

public sealed class DatasetTokenStatisticsTests
{
    [Fact]
    public void Percentiles_interpolate_linearly_between_ranks()
    {
        var values = Enumerable.Range(1, 100).ToArray();
        var d = ValueDistribution.FromUnsorted(values.Reverse().ToArray());
        Assert.Equal(1, d.Min);
        Assert.Equal(100, d.Max);
        Assert.Equal(5.95, d.P5, 10);
        Assert.Equal(50.5, d.P50, 10);
        Assert.Equal(95.05, d.P95, 10);
        Assert.Equal(50.5, d.Mean, 10);
    }

    [Fact]
    public void A_single_value_is_every_percentile_and_empty_is_zero()
    {
        var one = ValueDistribution.FromUnsorted(new[] { 7 });
        Assert.Equal((7L, 7.0, 7.0, 7.0, 7L), (one.Min, one.P5, one.P50, one.P95, one.Max));
        var none = ValueDistribution.FromUnsorted(Span<int>.Empty);
        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.P95);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueDistribution.Percentile(new[] { 1 }, 1.5));
    }

    [Fact]
    public void Percentiles_are_ordered_and_the_median_matches_a_naive_one()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), raw =>
        {
            var values = raw.Select(v => Math.Abs(v % 100_000)).ToArray();
            if (values.Length == 0) return true;
            var d = ValueDistribution.FromUnsorted((int[])values.Clone());
            var sorted = values.Order().ToArray();
            var n = sorted.Length;
            var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double)sorted[n / 2]) / 2;
            return d.Min <= d.P5 && d.P5 <= d.P50 && d.P50 <= d.P95 && d.P95 <= d.Max
                && Math.Abs(d.P50 - median) < 1e-9 && d.Count == n;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Builder_sums_roles_shares_and_missing_messages()
    {
        var builder = new DatasetTokenStatisticsBuilder();
        builder.Add(new ExampleTokenCounts { LineNumber = 1, TotalTokens = 10, AssistantTokens = 5, TrainedTokens = 5, Messages = 3, SystemMessages = 1, UserMessages = 1, AssistantMessages = 1 });
        builder.Add(new ExampleTokenCounts { LineNumber = 2, TotalTokens = 20, AssistantTokens = 5, TrainedTokens = 0, Messages = 3, UserMessages = 1, AssistantMessages = 2 });
        builder.Add(new ExampleTokenCounts { LineNumber = 4, TotalTokens = 30, AssistantTokens = 10, TrainedTokens = 10, Messages = 2, SystemMessages = 1, AssistantMessages = 1, Images = 2 });
        builder.Add(new ExampleTokenCounts { LineNumber = 5, TotalTokens = 40, AssistantTokens = 20, TrainedTokens = 20, Messages = 4, UserMessages = 1, AssistantMessages = 1, ToolMessages = 1, SystemMessages = 0 });
        var s = builder.Build();

        Assert.Equal(4, s.Examples);
        Assert.Equal(100, s.TotalTokens);
        Assert.Equal(0.4, s.AssistantTokenShare, 10);
        Assert.Equal(0.35, s.TrainedTokenShare, 10);
        Assert.Equal(2, s.Images);
        Assert.Equal(11.5, s.TokensPerExample.P5, 10);  // position 0.15 between 10 and 20
        Assert.Equal(25, s.TokensPerExample.P50, 10);
        Assert.Equal(38.5, s.TokensPerExample.P95, 10); // position 2.85 between 30 and 40
        Assert.Equal(3, s.MessagesPerExample.P50, 10);
        Assert.Equal((2L, 3L, 5L, 1L, 1L), (s.SystemMessages, s.UserMessages, s.AssistantMessages, s.ToolMessages, s.OtherMessages));
        Assert.Equal(2, s.ExamplesWithoutSystemMessage);
        Assert.Equal(1, s.ExamplesWithoutUserMessage);
        Assert.Equal(0, s.ExamplesWithoutAssistantMessage);

        Assert.Equal(100, s.GetBillableTokensPerEpoch(null));
        Assert.Equal(10 + 20 + 25 + 25, s.GetBillableTokensPerEpoch(25));
        Assert.Equal(2, s.CountExamplesOverLimit(25));
        Assert.Equal(new[] { new ExampleOverLimit(4, 30, 25), new ExampleOverLimit(5, 40, 25) }, s.GetExamplesOverLimit(25).ToArray());
        Assert.Equal(15, new ExampleOverLimit(5, 40, 25).TruncatedTokens);
    }

    [Fact]
    public void Negative_counts_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetTokenStatisticsBuilder().Add(new ExampleTokenCounts { TotalTokens = -1 }));
}
