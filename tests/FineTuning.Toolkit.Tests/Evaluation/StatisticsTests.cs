using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class StatisticsTests
{
    internal static EvalSampleResult R(string item, string target, int sample, double value, bool? passed = null, string? output = null) =>
        new(item, target, sample)
        {
            Output = output ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Scores = new Dictionary<string, EvalScore> { ["s"] = new() { Value = value, Passed = passed } },
        };

    [Theory]
    // Reference values from standard normal tables: Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.8) = 0.841621234, Φ⁻¹(0.01) = −2.326347874 (tail branch).
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.8, 0.841621234)]
    [InlineData(0.01, -2.326347874)]
    [InlineData(0.5, 0)]
    public void Normal_quantile_matches_tables(double p, double z) =>
        Assert.Equal(z, NormalDistribution.Quantile(p), 6);

    [Theory]
    // b=1, c=9: n=10, P(X<=1) = (C(10,0)+C(10,1))/2^10 = 11/1024; p = 2·11/1024 = 22/1024 = 0.021484375.
    [InlineData(1, 9, 0.021484375)]
    // b=0, c=6: P(X<=0) = 1/64; p = 2/64 = 0.03125.
    [InlineData(0, 6, 0.03125)]
    // b=c=5: P(X<=5) = 638/1024 > 1/2, so 2·P > 1 and p is capped at 1.
    [InlineData(5, 5, 1.0)]
    // b=2, c=8: P(X<=2) = (1+10+45)/1024 = 56/1024; p = 112/1024 = 0.109375.
    [InlineData(2, 8, 0.109375)]
    [InlineData(0, 0, 1.0)]
    public void McNemar_exact_p_matches_hand_computation(int b, int c, double p) =>
        Assert.Equal(p, McNemarTest.ExactPValue(b, c), 12);

    [Fact]
    public void McNemar_is_symmetric_and_handles_large_counts()
    {
        Assert.Equal(McNemarTest.ExactPValue(3, 17), McNemarTest.ExactPValue(17, 3), 14);
        var p = McNemarTest.ExactPValue(400, 600); // far from 1:1, p tiny but finite and positive
        Assert.InRange(p, 1e-12, 1e-7);
    }

    [Fact]
    public void Sample_size_paired_proportions_matches_hand_computation()
    {
        // ψ = 0.2, δ = 0.1, α = 0.05, power 0.8:
        // (1.959964·√0.2 + 0.841621·√0.19)² / 0.01 = (0.876523 + 0.366855)² / 0.01 = 1.545988 / 0.01 = 154.6 → 155.
        Assert.Equal(155, SampleSize.PairedProportions(0.2, 0.1));
        // ψ = 0.7, δ = 0.05: (1.959964·0.836660 + 0.841621·0.835165)² / 0.0025 = (1.639824 + 0.702889)² / 0.0025 = 2195.3 → 2196.
        Assert.Equal(2196, SampleSize.PairedProportions(0.7, 0.05));
    }

    [Fact]
    public void Sample_size_paired_means_matches_hand_computation()
    {
        // σ_d = 0.3, δ = 0.1: ((1.959964 + 0.841621)·0.3/0.1)² = 8.404756² = 70.64 → 71.
        Assert.Equal(71, SampleSize.PairedMeans(0.3, 0.1));
        // σ_d = 1, δ = 0.5: (2.801585·2)² = 31.40 → 32.
        Assert.Equal(32, SampleSize.PairedMeans(1, 0.5));
    }

    [Fact]
    public void Bootstrap_of_constant_differences_is_a_point()
    {
        var ci = Bootstrap.PairedMeanDifferenceInterval([0.1, 0.2, 0.3], [0.3, 0.4, 0.5]);
        Assert.Equal(0.2, ci.Lower, 12);
        Assert.Equal(0.2, ci.Upper, 12);
    }

    [Fact]
    public void Bootstrap_of_two_values_spans_both()
    {
        // Differences {0, 1}: a resample mean is 0, 0.5 or 1 with probability 1/4, 1/2, 1/4,
        // so the 2.5% quantile is 0 and the 97.5% quantile is 1.
        var ci = Bootstrap.MeanInterval([0d, 1d]);
        Assert.Equal(0, ci.Lower);
        Assert.Equal(1, ci.Upper);
    }

    [Fact]
    public void Bootstrap_is_deterministic_for_a_seed_and_changes_with_it()
    {
        double[] values = [0.13, 0.91, 0.47, 0.72, 0.33, 0.21, 0.86, 0.05, 0.64, 0.58, 0.99, 0.17];
        Assert.Equal(Bootstrap.MeanInterval(values, seed: 7), Bootstrap.MeanInterval(values, seed: 7));
        Assert.NotEqual(Bootstrap.MeanInterval(values, seed: 7), Bootstrap.MeanInterval(values, seed: 8));
    }

    [Fact]
    public void Paired_comparison_of_a_clearly_better_candidate()
    {
        // Baseline passes items 0 and 3; candidate passes items 0..8. Both pass 0,3; only the candidate passes 1,2,4..8 (c = 7);
        // nobody passes 9; b = 0. McNemar p = 2·(1/2)^7 = 0.015625. Differences: seven 1s and three 0s, mean 0.7.
        // Bootstrap mean ~ Binomial(10, 0.7)/10: P(X<=3) = 0.0106 < 0.025 < P(X<=4) = 0.0473, so the lower bound is 0.4.
        int[] basePass = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        int[] candPass = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        var results = new List<EvalSampleResult>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(R($"i{i}", "base", 0, basePass[i], basePass[i] == 1));
            results.Add(R($"i{i}", "ft", 0, candPass[i], candPass[i] == 1));
        }

        var cmp = PairedComparison.Compare(results, "s", "base", "ft");
        Assert.Equal(10, cmp.PairedItems);
        Assert.Equal(0.2, cmp.BaselineMean, 12);
        Assert.Equal(0.9, cmp.CandidateMean, 12);
        Assert.Equal(0.7, cmp.MeanDifference, 12);
        Assert.Equal((7, 3, 0), (cmp.Wins, cmp.Ties, cmp.Losses));
        Assert.Equal((2, 0, 7, 1), (cmp.McNemar!.BothPassed, cmp.McNemar.BaselineOnly, cmp.McNemar.CandidateOnly, cmp.McNemar.BothFailed));
        Assert.Equal(0.015625, cmp.McNemar.PValue, 12);
        Assert.Equal(0.4, cmp.DifferenceInterval!.Lower, 12);
        Assert.Equal(ComparisonVerdict.Better, cmp.Verdict);
        Assert.StartsWith("Better", cmp.VerdictReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_comparison_reports_no_difference_and_the_items_needed()
    {
        // Differences alternate +1/−1 over 20 items: mean 0, the interval straddles 0.
        var results = new List<EvalSampleResult>();
        for (var i = 0; i < 20; i++)
        {
            results.Add(R($"i{i}", "a", 0, i % 2));
            results.Add(R($"i{i}", "b", 0, 1 - (i % 2)));
        }

        var cmp = PairedComparison.Compare(results, "s", "a", "b", new PairedComparisonOptions { MinimumEffect = 0.1, EquivalenceMargin = 0.05 });
        Assert.Equal(ComparisonVerdict.NoSignificantDifference, cmp.Verdict);
        Assert.Equal((10, 0, 10), (cmp.Wins, cmp.Ties, cmp.Losses));
        // σ_d of ten +1 and ten −1 = √(20/19) = 1.025978; n = (2.801585·1.025978/0.1)² = 826.2 → 827.
        Assert.Equal(827, cmp.ItemsNeededForMinimumEffect);
        Assert.False(cmp.EquivalentWithinMargin);
        Assert.Contains("needs about 827 items", cmp.VerdictReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_comparison_averages_k_samples_and_skips_errors_and_unpaired_items()
    {
        var results = new List<EvalSampleResult>
        {
            R("x", "a", 0, 1), R("x", "a", 1, 0), // mean 0.5
            R("x", "b", 0, 1), R("x", "b", 1, 1), // mean 1
            R("y", "a", 0, 0), R("y", "b", 0, 0),
            new("y", "b", 1) { Error = "timeout" },
            R("z", "a", 0, 1), // unpaired
        };
        var cmp = PairedComparison.Compare(results, "s", "a", "b");
        Assert.Equal(2, cmp.PairedItems);
        Assert.Equal(1, cmp.UnpairedItems);
        Assert.Equal(0.25, cmp.MeanDifference, 12); // (0.5 + 0) / 2
        Assert.Equal((1, 1, 0), (cmp.Wins, cmp.Ties, cmp.Losses));
    }

    [Fact]
    public void Worse_verdict_when_candidate_is_lower_everywhere()
    {
        var cmp = PairedComparison.Compare("s", "a", "b", [0.9, 0.8, 0.95, 0.85], [0.5, 0.4, 0.6, 0.45]);
        Assert.Equal(ComparisonVerdict.Worse, cmp.Verdict);
    }

    [Fact]
    public void Classification_metrics_match_hand_computation()
    {
        // expected a a a b b c / predicted a a b b c c. Matrix rows=expected: a:[2,1,0] b:[0,1,1] c:[0,0,1].
        // a: P=2/2=1, R=2/3, F1=0.8; b: P=1/2, R=1/2, F1=0.5; c: P=1/2, R=1, F1=2/3.
        // macro P=(1+.5+.5)/3=2/3; macro R=(2/3+1/2+1)/3=13/18; macro F1=(0.8+0.5+2/3)/3=0.655556; micro = accuracy = 4/6.
        var m = ClassificationAnalyzer.Compute([("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "c"), ("c", "c")]);
        Assert.Equal(["a", "b", "c"], m.Labels);
        Assert.Equal([2, 1, 0], m.ConfusionMatrix[0]);
        Assert.Equal([0, 1, 1], m.ConfusionMatrix[1]);
        Assert.Equal([0, 0, 1], m.ConfusionMatrix[2]);
        Assert.Equal(4 / 6d, m.Accuracy, 12);
        Assert.Equal(0.8, m.PerLabel[0].F1, 12);
        Assert.Equal(2 / 3d, m.PerLabel[2].F1, 12);
        Assert.Equal(2 / 3d, m.MacroPrecision, 12);
        Assert.Equal(13 / 18d, m.MacroRecall, 12);
        Assert.Equal((0.8 + 0.5 + (2 / 3d)) / 3, m.MacroF1, 12);
        Assert.Equal(4 / 6d, m.MicroF1, 12);
    }

    [Fact]
    public void Consistency_majority_agreement_and_variance_match_hand_computation()
    {
        // Outputs "Paris", "paris.", "Lyon" normalise to paris, paris, lyon: majority paris (2 of 3), agreement 2/3.
        // Scores 1, 1, 0: mean 2/3, sample variance ((1/3)²·2 + (2/3)²)/2 = (6/9)/2 = 1/3.
        var results = new List<EvalSampleResult>
        {
            R("q", "ft", 0, 1, output: "Paris"), R("q", "ft", 1, 1, output: "paris."), R("q", "ft", 2, 0, output: "Lyon"),
            R("r", "ft", 0, 1, output: "4"), R("r", "ft", 1, 1, output: "4"),
        };
        var report = ConsistencyAnalyzer.Analyze(results, "ft", "s");
        var q = report.Items.Single(i => i.ItemId == "q");
        Assert.Equal("paris", q.MajorityAnswer);
        Assert.Equal(2 / 3d, q.AgreementRate, 12);
        Assert.Equal(1 / 3d, q.ScoreVariance!.Value, 12);
        Assert.Equal(0.5, report.FullyConsistentRate, 12);
        Assert.Equal(((2 / 3d) + 1) / 2, report.MeanAgreement, 12);
    }

    [Fact]
    public void Score_summary_counts_errors_and_pass_rate()
    {
        var results = new List<EvalSampleResult>
        {
            R("a", "t", 0, 1, true), R("b", "t", 0, 0, false), R("c", "t", 0, 1, true),
            new("d", "t", 0) { Error = "boom" },
            new("e", "t", 0) { Output = "x", Scores = new Dictionary<string, EvalScore> { ["s"] = EvalScore.Failed("no reference") } },
        };
        var s = ScoreSummarizer.Summarize(results, "t", "s");
        Assert.Equal(3, s.Items);
        Assert.Equal(2, s.Errors);
        Assert.Equal(2 / 3d, s.Mean, 12);
        Assert.Equal(2 / 3d, s.PassRate!.Value, 12);
        Assert.NotNull(s.Interval);
    }
}
