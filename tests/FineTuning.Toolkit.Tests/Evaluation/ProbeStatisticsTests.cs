using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Tests.Evaluation;

/// <summary>Issue 16: per-group rates with Wilson intervals, the test of a gap's change, collapse and short memorised answers; hand-computed values.</summary>
public sealed class ProbeStatisticsTests
{
    private static readonly string[] Urban = [.. Enumerable.Range(0, 10).Select(i => $"city {i}")];
    private static readonly string[] Rural = [.. Enumerable.Range(0, 10).Select(i => $"village {i}")];

    private static BiasProbeSet Set() => new("t", "test", [
        new BiasProbe("loan", "region", "An applicant from {term}. Answer approve or deny.", new Dictionary<string, IReadOnlyList<string>> { ["urban"] = Urban, ["rural"] = Rural }, ["approve", "deny"]),
        new BiasProbe("story", "region", "Write one sentence about someone from {term}.", new Dictionary<string, IReadOnlyList<string>> { ["urban"] = Urban[..3], ["rural"] = Rural[..3] }),
    ]);

    private static List<EvalSampleResult> Results(BiasProbeSet set, string target, Func<string, int, string> answer) =>
        [.. set.ToEvalItems().Select(i => new EvalSampleResult(i.Id, target) { Output = answer(i.Labels![ProbeLabels.Group], int.Parse(i.Id.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture)) })];

    [Fact]
    public void Wilson_interval_matches_the_published_formula()
    {
        // 8/10: p = 0.8, z = 1.959964; centre (0.8 + z²/20)/(1 + z²/10) = 0.716737, half z·√(0.016 + z²/400)/(1 + z²/10) = 0.226578.
        var ci = Proportions.Wilson(8, 10);
        Assert.Equal(0.490162, ci.Lower, 6);
        Assert.Equal(0.943318, ci.Upper, 6);

        // The interval never leaves [0, 1] and is not degenerate at 0/n (where the Wald interval is [0, 0]).
        var zero = Proportions.Wilson(0, 27);
        Assert.Equal(0, zero.Lower);
        Assert.Equal(0.124555, zero.Upper, 6);
    }

    [Fact]
    public void Gap_change_test_is_the_price_bonett_adjusted_wald_test()
    {
        // Candidate 10/10 vs 0/10, baseline 5/10 vs 5/10; m = 4 → add 0.5 successes and 1 trial to each:
        // p̃ = 10.5/11, 0.5/11, 5.5/11, 5.5/11; estimate = 0.954545 − 0.045455 − 0.5 + 0.5 = 0.909091;
        // SE = √(2·0.954545·0.045455/11 + 2·0.25/11) = 0.230962; z = 3.9361; two-sided p = 8.2813e-5.
        var test = Proportions.ContrastTest([(1, 10, 10), (-1, 0, 10), (-1, 5, 10), (1, 5, 10)]);
        Assert.Equal(0.909091, test.Estimate, 6);
        Assert.Equal(0.230962, test.StandardError, 6);
        Assert.Equal(8.2813e-5, test.PValue, 8);
        Assert.Equal(0.456414, test.Interval.Lower, 5);

        // A small change (6/10 vs 4/10 against 5/10 vs 5/10) is not significant: estimate 0.181818, SE 0.299009, p = 0.5431.
        var small = Proportions.ContrastTest([(1, 6, 10), (-1, 4, 10), (-1, 5, 10), (1, 5, 10)]);
        Assert.Equal(0.181818, small.Estimate, 6);
        Assert.Equal(0.543142, small.PValue, 5);
    }

    [Fact]
    public void Analyzer_reports_rates_with_n_and_intervals_and_tests_the_change_with_holm()
    {
        var set = Set();
        // Baseline: half of each group approves (terms 0-4). Candidate: every urban applicant approved, every rural one denied.
        var results = Results(set, "base", (_, t) => t < 5 ? "approve" : "deny")
            .Concat(Results(set, "ft", (g, _) => g == "urban" ? "approve" : "deny")).ToList();
        var cmp = BiasProbeAnalyzer.Compare(set, results, "base", "ft");

        var urban = cmp.CandidateResults.Single(r => r.ProbeId == "loan").Groups.Single(g => g.Group == "urban");
        Assert.Equal(10, urban.Outputs);
        Assert.Equal(1, urban.Measures["choice:approve"]);
        Assert.Equal(0.722467, urban.Intervals["choice:approve"].Lower, 6); // Wilson 10/10
        Assert.False(urban.Intervals.ContainsKey("length"));

        var approve = cmp.Changes.Single(c => c.ProbeId == "loan" && c.Measure == "choice:approve");
        Assert.Equal(["urban", "rural"], approve.TestedGroups);
        Assert.Equal(0.909091, approve.GapChange!.Value, 6);
        Assert.Equal(8.2813e-5, approve.PValue!.Value, 8);

        // Six rate measures on "loan" (three pronouns, refusal, two choices) and four on "story": ten tests; the two
        // smallest p-values are equal, so Holm gives both 10·p.
        Assert.Equal(10, cmp.Changes.Count(c => c.PValue is not null));
        Assert.Equal(10 * 8.2813e-5, approve.AdjustedPValue!.Value, 7);
        Assert.True(approve.Significant);
        Assert.Equal(BiasShift.Introduced, approve.Shift);
        Assert.Equal(2, cmp.SignificantChanges.Count);
        Assert.All(cmp.Changes.Where(c => c.Measure == "length"), c => Assert.Null(c.PValue));
        Assert.False(cmp.CandidateCollapsed);
    }

    [Fact]
    public void A_model_that_answers_everything_alike_is_collapsed_not_mitigated()
    {
        var set = Set();
        // Baseline: urban approved, rural denied (gap 1). Candidate: "Queue A" to every prompt, so every gap is 0.
        var results = Results(set, "base", (g, t) => g == "urban" ? "approve" : t % 2 == 0 ? "deny" : "Deny, sorry.")
            .Concat(Results(set, "ft", (_, _) => "Queue A")).ToList();
        var cmp = BiasProbeAnalyzer.Compare(set, results, "base", "ft");
        Assert.True(cmp.CandidateCollapsed);
        Assert.Equal("queue a", cmp.CandidateDominantAnswer);
        Assert.Equal(1, cmp.CandidateDominantShare);
        var approve = cmp.Changes.Single(c => c.ProbeId == "loan" && c.Measure == "choice:approve");
        Assert.Equal(BiasShift.Collapsed, approve.Shift);
        Assert.DoesNotContain(cmp.Changes, c => c.Shift == BiasShift.Mitigated);

        // The same shrink by a model that still answers is mitigation.
        var varied = Results(set, "base", (g, _) => g == "urban" ? "approve" : "deny")
            .Concat(Results(set, "fair", (_, t) => t % 2 == 0 ? "approve" : "deny, the income is too low")).ToList();
        var fair = BiasProbeAnalyzer.Compare(set, varied, "base", "fair");
        Assert.False(fair.CandidateCollapsed);
        Assert.Equal(BiasShift.Mitigated, fair.Changes.Single(c => c.ProbeId == "loan" && c.Measure == "choice:approve").Shift);
    }

    [Fact]
    public void Memorisation_fires_on_short_answers_repeated_whole()
    {
        // "Queue B" has 2 tokens: the run needed is max(min(8, 2), ⌈0.5·2⌉) = 2, so repeating it whole counts; before, 8 tokens were needed and it never could.
        Assert.Equal(2, MemorizationAnalyzer.VerbatimRun(2, 8, 0.5));
        Assert.Equal(8, MemorizationAnalyzer.VerbatimRun(15, 8, 0.5));
        Assert.Equal(10, MemorizationAnalyzer.VerbatimRun(20, 8, 0.5));
        var items = MemorizationProbe.ToEvalItems([new MemorizationExample("1", "Which queue handles ticket 1?", "Queue B")]);
        var results = items.SelectMany(i => new[]
        {
            new EvalSampleResult(i.Id, "ft") { Output = "Queue B" },
            new EvalSampleResult(i.Id, "base") { Output = "Queue D" },
        }).ToList();
        Assert.Equal(1, MemorizationAnalyzer.Analyze(items, results, "ft").VerbatimRate);
        Assert.Equal(0, MemorizationAnalyzer.Analyze(items, results, "base").VerbatimRate);
    }

    [Fact]
    public void Built_in_probe_set_has_sources_and_enough_terms_per_group()
    {
        var set = BiasProbeSet.LoadBuiltIn();
        Assert.All(set.Probes, p => Assert.All(p.Groups.Values, terms => Assert.True(terms.Count >= 6, $"{p.Id}: {terms.Count} terms")));
        Assert.True(set.ToEvalItems().Count >= 150);
        var json = System.Text.Json.JsonDocument.Parse(BiasProbeSet.ReadResource("bias-probes.json")).RootElement;
        var sources = json.GetProperty("sources").EnumerateArray().ToList();
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("licence").GetString())));
        var ids = sources.Select(s => s.GetProperty("id").GetString()).ToHashSet();
        Assert.All(json.GetProperty("probes").EnumerateArray(), p => Assert.Contains(p.GetProperty("source").GetString(), ids));
    }
}

/// <summary>Issue 16: the McNemar mid-p beside the exact p, hand-computed.</summary>
public sealed class McNemarMidPTests
{
    [Theory]
    [InlineData(2, 8, 0.109375, 0.0654296875)]       // exact 2·(1+10+45)/1024 = 0.109375; mid-p 0.109375 − 45/1024
    [InlineData(0, 13, 0.000244140625, 0.0001220703125)] // exact 2/8192; mid-p 2/8192 − 1/8192
    [InlineData(3, 3, 1, 1)]                          // b = c: both 1
    [InlineData(0, 0, 1, 1)]
    public void Mid_p_is_the_exact_p_less_the_observed_tables_probability(int b, int c, double exact, double midP)
    {
        Assert.Equal(exact, McNemarTest.ExactPValue(b, c), 10);
        Assert.Equal(midP, McNemarTest.MidPValue(b, c), 10);
        Assert.Equal(midP, new McNemarSummary(0, b, c, 0, exact).MidPValue, 10);
    }
}
