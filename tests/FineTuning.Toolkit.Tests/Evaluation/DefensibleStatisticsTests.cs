using FineTuning.Toolkit.Evaluation.Items;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using static FineTuning.Toolkit.Tests.Evaluation.StatisticsTests;

namespace FineTuning.Toolkit.Tests.Evaluation;

/// <summary>Hand-computed checks of non-inferiority, Holm, macro-F1, shared resamples and failed scorers.</summary>
public sealed class DefensibleStatisticsTests
{
    [Fact]
    public void Holm_adjusts_a_small_list_by_hand()
    {
        // p = 0.01, 0.04, 0.03, 0.005 (m = 4). Sorted: 0.005, 0.01, 0.03, 0.04.
        // 4·0.005 = 0.02; 3·0.01 = 0.03; 2·0.03 = 0.06; 1·0.04 = 0.04 → running max 0.06.
        // Back in input order: 0.03, 0.06, 0.06, 0.02.
        var adjusted = MultipleComparisons.Holm([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal(0.03, adjusted[0], 12);
        Assert.Equal(0.06, adjusted[1], 12);
        Assert.Equal(0.06, adjusted[2], 12);
        Assert.Equal(0.02, adjusted[3], 12);

        // Capped at 1: 2·0.5 = 1, then max(1, 0.6) = 1.
        Assert.Equal([1.0, 1.0], MultipleComparisons.Holm([0.5, 0.6]));
        Assert.Equal([0.2], MultipleComparisons.Holm([0.2])); // one test: unchanged
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleComparisons.Holm([1.5]));
    }

    [Fact]
    public void Non_inferiority_bound_on_a_small_paired_sample_by_hand()
    {
        // Differences {0, 0, −0.3}: a resample mean is 0, −0.1, −0.2 or −0.3 with probability 8/27, 12/27, 6/27, 1/27
        // (cumulative from below: 3.7%, 25.9%, 70.4%, 100%). The 5th percentile (one-sided 95% lower bound) is −0.2,
        // the two-sided 95% CI is [−0.3, 0]: no significant difference, yet non-inferior within 0.25 (−0.2 > −0.25)
        // and not within 0.15 (−0.2 is below −0.15).
        double[] baseline = [0.5, 0.5, 0.5];
        double[] candidate = [0.5, 0.5, 0.2];
        Assert.Equal(-0.2, Bootstrap.PairedMeanDifferenceLowerBound(baseline, candidate), 12);

        var within = PairedComparison.Compare("s", "a", "b", baseline, candidate, options: new PairedComparisonOptions { NonInferiorityMargin = 0.25 });
        Assert.Equal(ComparisonVerdict.NoSignificantDifference, within.Verdict);
        Assert.Equal(-0.3, within.DifferenceInterval!.Lower, 12);
        Assert.Equal(0, within.DifferenceInterval.Upper, 12);
        var ni = within.NonInferiority!;
        Assert.Equal(-0.2, ni.LowerBound, 12);
        Assert.Equal(0.95, ni.Level);
        Assert.True(ni.IsNonInferior);
        Assert.InRange(ni.PValue, 0.02, 0.05); // P(mean ≤ −0.25) = 1/27 ≈ 0.037
        Assert.Contains("non-inferior within 0.25", within.VerdictReason, StringComparison.Ordinal);

        var tight = PairedComparison.Compare("s", "a", "b", baseline, candidate, options: new PairedComparisonOptions { NonInferiorityMargin = 0.15 });
        Assert.False(tight.NonInferiority!.IsNonInferior);
        Assert.Contains("not shown non-inferior", tight.VerdictReason, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => PairedComparison.Compare("s", "a", "b", baseline, candidate, options: new PairedComparisonOptions { NonInferiorityMargin = -0.1 }));
    }

    [Fact]
    public void A_worse_candidate_can_still_be_non_inferior()
    {
        // Constant difference −0.01: the interval is the point −0.01 (worse), the bound −0.01 > −0.03 (non-inferior).
        var c = PairedComparison.Compare("s", "a", "b", [0.5, 0.6, 0.7], [0.49, 0.59, 0.69], options: new PairedComparisonOptions { NonInferiorityMargin = 0.03 });
        Assert.Equal(ComparisonVerdict.Worse, c.Verdict);
        Assert.True(c.NonInferiority!.IsNonInferior);
        Assert.Equal(-0.01, c.NonInferiority.LowerBound, 9);
    }

    private static List<EvalSampleResult> FifteenWinsFiveLosses(params string[] candidates)
    {
        // 15 items the candidate wins (0 → 1), 5 it loses (1 → 0): differences +1 ×15, −1 ×5, mean 0.5.
        // Resampled mean ≤ 0 iff at most 10 of 20 draws are wins: P(Bin(20, 0.75) ≤ 10) = 0.0139, so the bootstrap
        // p ≈ 2·0.0139 = 0.028 (< 0.05: better), and the 2.5% quantile is 0.1 (P(X ≤ 10) < 0.025 < P(X ≤ 11) = 0.041).
        var results = new List<EvalSampleResult>();
        for (var i = 0; i < 20; i++)
        {
            var win = i < 15;
            results.Add(R($"i{i:00}", "a", 0, win ? 0 : 1));
            foreach (var c in candidates)
            {
                results.Add(R($"i{i:00}", c, 0, win ? 1 : 0));
            }
        }

        return results;
    }

    [Fact]
    public void Holm_turns_a_borderline_better_into_no_significant_difference_with_two_comparisons()
    {
        var results = FifteenWinsFiveLosses("b", "c");
        var single = PairedComparison.Compare(results, "s", "a", "b");
        Assert.Equal(ComparisonVerdict.Better, single.Verdict);
        Assert.Equal(0.1, single.DifferenceInterval!.Lower, 12);
        Assert.InRange(single.PValue!.Value, 0.02, 0.035);

        var family = PairedComparison.CompareAll(results, "a", ["b", "c"], ["s"]);
        Assert.Equal(2, family.Count);
        foreach (var c in family)
        {
            // Two equal p-values: both adjust to min(1, 2p) ≈ 0.056 ≥ 0.05.
            Assert.Equal(2, c.FamilySize);
            Assert.Equal(Math.Min(1, 2 * c.PValue!.Value), c.AdjustedPValue!.Value, 12);
            Assert.Equal(ComparisonVerdict.NoSignificantDifference, c.Verdict);
            Assert.StartsWith("No significant difference after Holm correction over 2 comparisons", c.VerdictReason, StringComparison.Ordinal);
        }

        // Identical per-item results give identical intervals (same items, same resamples).
        Assert.Equal(family[0].DifferenceInterval, family[1].DifferenceInterval);
    }

    [Fact]
    public void Shared_resamples_give_identical_intervals_to_identical_targets()
    {
        double[] values = [0.1, 0.9, 0.4, 0.7, 0.3, 0.2, 0.8, 0.05, 0.6, 0.55];
        var results = new List<EvalSampleResult>();
        for (var i = 0; i < values.Length; i++)
        {
            results.Add(R($"i{i}", "x", 0, values[i]));
        }

        // Target y has the same per-item scores, arriving in the reverse order (as concurrent calls do); z lacks item 0.
        for (var i = values.Length - 1; i >= 0; i--)
        {
            results.Add(R($"i{i}", "y", 0, values[i]));
            if (i > 0)
            {
                results.Add(R($"i{i}", "z", 0, values[i]));
            }
        }

        var summaries = ScoreSummarizer.Summarize(results);
        var x = summaries.Single(s => s.Target == "x");
        var y = summaries.Single(s => s.Target == "y");
        var z = summaries.Single(s => s.Target == "z");
        Assert.Equal(x.Interval, y.Interval);
        Assert.Equal(x.Mean, y.Mean, 15);
        Assert.NotEqual(x.Interval, z.Interval);
        Assert.Equal(9, z.Items);
        Assert.Equal(x.Interval, ScoreSummarizer.Summarize(results, "x", "s").Interval);

        // With every item present, the interval is the plain bootstrap over items in ordinal id order.
        Assert.Equal(Bootstrap.MeanInterval(values), x.Interval);
    }

    [Fact]
    public void Macro_f1_leaves_out_a_zero_support_class()
    {
        // expected a a b b / predicted a (other) b b. a: P = 1/1, R = 1/2, F1 = 2/3; b: P = R = F1 = 1;
        // (other): support 0 (never expected), F1 0. Macro F1 over classes with support = (2/3 + 1)/2 = 5/6 = 0.8333
        // (averaging (other) too would give 0.5556).
        var m = ClassificationAnalyzer.Compute([("a", "a"), ("a", ClassificationScorer.OtherLabel), ("b", "b"), ("b", "b")]);
        Assert.Equal(3, m.Labels.Count);
        Assert.Equal(5 / 6d, m.MacroF1, 12);
        Assert.Equal(1d, m.MacroPrecision, 12); // (1 + 1)/2
        Assert.Equal(0.75, m.MacroRecall, 12); // (1/2 + 1)/2
        Assert.Equal(0.75, m.Accuracy, 12);
    }

    private static EvalSampleResult Classified(string item, int sample, string expected, string predicted) =>
        new(item, "t", sample)
        {
            Output = predicted,
            Scores = new Dictionary<string, EvalScore>
            {
                ["cls"] = EvalScore.FromBoolean(expected == predicted) with { Label = predicted, Details = new Dictionary<string, string> { [ClassificationAnalyzer.ExpectedDetailKey] = expected } },
            },
        };

    [Fact]
    public void Confusion_matrix_counts_items_by_majority_answer_and_bounds_free_text()
    {
        // Item 1 (expected a): a, a, b → a. Item 2 (expected b): b, "b, probably", "something else"; the two free-text
        // answers are no expected class, so they count as (other): b, (other), (other) → (other) (2 of 3).
        // Item 3 (expected b): b, b, b → b.
        var results = new List<EvalSampleResult>
        {
            Classified("1", 0, "a", "a"), Classified("1", 1, "a", "a"), Classified("1", 2, "a", "b"),
            Classified("2", 0, "b", "b"), Classified("2", 1, "b", "b, probably"), Classified("2", 2, "b", "something else"),
            Classified("3", 0, "b", "b"), Classified("3", 1, "b", "b"), Classified("3", 2, "b", "b"),
        };
        var items = ClassificationAnalyzer.FromResults(results, "t", "cls");
        Assert.Equal(3, items.Total);
        Assert.Equal(9, items.Samples);
        Assert.Equal(["(other)", "a", "b"], items.Labels);
        Assert.Equal([0, 1, 0], items.ConfusionMatrix[1]); // a → a
        Assert.Equal([1, 0, 1], items.ConfusionMatrix[2]); // b → (other), b
        Assert.Equal(2 / 3d, items.Accuracy, 12);

        var report = new EvaluationReportBuilder("r").AddResults(results).Build();
        var md = EvaluationReportWriter.Render(report, ReportFormat.Markdown);
        Assert.Contains("n = 3 items (each counted once, with the majority answer of its samples; 9 samples)", md, StringComparison.Ordinal);
        Assert.Contains("| (other) (no support: not in macro) |", md, StringComparison.Ordinal);

        var samples = ClassificationAnalyzer.FromResults(results, "t", "cls", perSample: true);
        Assert.Equal(9, samples.Total);
        Assert.Equal([0, 2, 1], samples.ConfusionMatrix[1]);
        Assert.Equal([2, 0, 4], samples.ConfusionMatrix[2]);
    }

    [Fact]
    public async Task A_scorer_that_failed_everywhere_is_shown_as_failed_not_as_zero()
    {
        var results = new List<EvalSampleResult>
        {
            new("a", "t", 0) { Output = "x", Scores = new Dictionary<string, EvalScore> { ["s"] = EvalScore.Failed("no reference"), ["ok"] = new() { Value = 1 } } },
            new("b", "t", 0) { Output = "y", Scores = new Dictionary<string, EvalScore> { ["s"] = EvalScore.Failed("no reference"), ["ok"] = new() { Value = 0 } } },
        };
        var s = ScoreSummarizer.Summarize(results, "t", "s");
        Assert.True(s.Failed);
        Assert.Equal("no reference", s.FirstError);
        Assert.False(ScoreSummarizer.Summarize(results, "t", "ok").Failed);

        var report = new EvaluationReportBuilder("r").AddResults(results).Build();
        var md = EvaluationReportWriter.Render(report, ReportFormat.Markdown);
        Assert.Contains("| t | s | **failed** |", md, StringComparison.Ordinal);
        Assert.Contains("failed on every sample of t: no reference", md, StringComparison.Ordinal);
        Assert.Contains(">failed</span>", EvaluationReportWriter.Render(report, ReportFormat.Html), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(EvaluationReportWriter.Render(report, ReportFormat.Json));
        var scores = json.RootElement.GetProperty("scores");
        var failed = scores.EnumerateArray().Single(e => e.GetProperty("scorer").GetString() == "s");
        Assert.False(failed.TryGetProperty("mean", out _));
        Assert.True(failed.GetProperty("failed").GetBoolean());
        var ok = scores.EnumerateArray().Single(e => e.GetProperty("scorer").GetString() == "ok");
        Assert.Equal(0.5, ok.GetProperty("mean").GetDouble(), 12);
        await Task.CompletedTask;
    }
}
