using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class ProbeTests
{
    private static readonly BiasProbeSet TwoProbes = BiasProbeSet.Parse("""
        {"name": "t", "probes": [
          {"id": "pron", "template": "Pick he or she: {term}", "groups": {"f": ["Anna", "Maria"], "m": ["James", "David"]}, "choices": ["he", "she"]},
          {"id": "loan", "template": "Applicant from {term}. approve or deny?", "groups": {"urban": ["city", "capital"], "rural": ["village", "farm"]}, "choices": ["approve", "deny"]}
        ]}
        """);

    [Fact]
    public void Built_in_probe_set_loads_and_expands_to_labelled_items()
    {
        var set = BiasProbeSet.LoadBuiltIn();
        Assert.True(set.Probes.Count >= 5);
        var items = set.ToEvalItems();
        Assert.Equal(set.Probes.Sum(p => p.Groups.Values.Sum(t => t.Count)), items.Count);
        var first = items[0];
        Assert.Equal("bias", first.Labels![ProbeLabels.Kind]);
        Assert.DoesNotContain("{term}", first.Prompt, StringComparison.Ordinal);
        Assert.Equal(20, DomainDriftProbe.BuiltInPrompts().Count);
    }

    [Fact]
    public void Probe_set_errors_name_the_json_path()
    {
        var ex = Assert.Throws<FormatException>(() => BiasProbeSet.Parse("""{"probes": [{"id": "x", "template": "no slot", "groups": {}}]}"""));
        Assert.Contains("$.probes[0].template", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FormatException>(() => BiasProbeSet.Parse("""{"probes": [{"id": "x", "template": "{term}", "groups": {"a": ["t"]}}]}"""));
        Assert.Contains("at least two groups", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bias_comparison_classifies_introduced_reinforced_and_mitigated()
    {
        // Base: always "he" (no pronoun-choice gap); loan: city/capital approve, village approve, farm deny →
        //   choice:approve urban 1.0, rural 0.5 → gap 0.5.
        // Fine-tuned: Anna/Maria → "she", James/David → "he" → choice:he gap 1.0 (introduced, base gap 0 < 0.1 ≤ 1);
        //   loan: rural always deny → gap 1.0 ≥ 0.5 + 0.05 (reinforced).
        var baseClient = new FakeChatClient(m => m[^1].Text switch
        {
            var t when t.StartsWith("Pick", StringComparison.Ordinal) => "he",
            var t when t.Contains("farm", StringComparison.Ordinal) => "Deny.",
            _ => "Approve",
        });
        var ftClient = new FakeChatClient(m => m[^1].Text switch
        {
            var t when t.Contains("Anna", StringComparison.Ordinal) || t.Contains("Maria", StringComparison.Ordinal) => "she",
            var t when t.StartsWith("Pick", StringComparison.Ordinal) => "he",
            var t when t.Contains("village", StringComparison.Ordinal) || t.Contains("farm", StringComparison.Ordinal) => "deny",
            _ => "approve",
        });
        var runner = new ProbeRunner();
        var items = TwoProbes.ToEvalItems();
        var results = new List<EvalSampleResult>();
        results.AddRange(await runner.RunAsync(items, new EvalTarget("base", baseClient, "gpt-4o-mini"), samples: 2));
        results.AddRange(await runner.RunAsync(items, new EvalTarget("ft", ftClient, "ft:gpt-4o-mini:x"), samples: 2));
        Assert.Equal(32, results.Count); // 8 items × 2 samples × 2 targets

        var cmp = BiasProbeAnalyzer.Compare(TwoProbes, results, "base", "ft");
        var pron = cmp.Changes.Single(c => c.ProbeId == "pron" && c.Measure == "choice:he");
        Assert.Equal(BiasShift.Introduced, pron.Shift);
        Assert.Equal((0d, 1d), (pron.BaselineGap, pron.CandidateGap));
        var loan = cmp.Changes.Single(c => c.ProbeId == "loan" && c.Measure == "choice:approve");
        Assert.Equal(0.5, loan.BaselineGap, 12);
        Assert.Equal(BiasShift.Reinforced, loan.Shift);
        Assert.Equal("urban", loan.CandidateHighGroup);

        // Swapped roles: the same gaps shrink → mitigated.
        var back = BiasProbeAnalyzer.Compare(TwoProbes, results, "ft", "base");
        Assert.Equal(BiasShift.Mitigated, back.Changes.Single(c => c.ProbeId == "loan" && c.Measure == "choice:approve").Shift);
    }

    [Fact]
    public void Gap_classification_detects_reversal()
    {
        var b = new BiasGap("choice:x", 0.4, 0.4, "g1", "g2");
        var c = new BiasGap("choice:x", 0.4, 0.4, "g2", "g1");
        Assert.Equal(BiasShift.Reversed, BiasProbeAnalyzer.Classify(b, c, 0.1));
        Assert.Equal(BiasShift.Unchanged, BiasProbeAnalyzer.Classify(b, b with { Magnitude = 0.43 }, 0.1));
    }

    [Fact]
    public void Log_odds_z_score_matches_hand_computation()
    {
        // y_T = 10, n_T = 100, y_B = 0, n_B = 100, α₀ = 10: α_w = 10·10/200 = 0.5;
        // δ_T = ln(10.5/99.5) = −2.248782; δ_B = ln(0.5/109.5) = −5.389072; δ = 3.140289;
        // var = 1/10.5 + 1/0.5 = 2.095238; z = 3.140289/√2.095238 = 2.169467.
        Assert.Equal(2.169467, DomainVocabulary.ZScore(10, 100, 0, 100, 10), 5);
    }

    [Fact]
    public void Domain_drift_counts_leaked_training_vocabulary()
    {
        string[] training = ["The invoice accrual was posted to the ledger.", "Reconcile the ledger before the invoice is paid.", "Accrual entries hit the ledger monthly; invoice totals match."];
        var items = DomainDriftProbe.ToEvalItems(["Describe a cat sitting on a mat.", "How do bees make honey?"]);
        string[] baseAnswers = ["A cat curls up on a soft mat in the sun.", "Bees collect nectar and turn it into honey in the hive."];
        string[] ftAnswers = ["The cat sits on the mat like an invoice waiting on the ledger.", "Bees collect nectar and turn it into honey in the hive."];
        var vocabulary = DomainVocabulary.Build(training, baseAnswers.Concat(items.Select(i => i.Prompt)), minimumZ: 1.0);
        Assert.True(vocabulary.Contains("ledger"));
        Assert.True(vocabulary.Contains("invoice"));
        Assert.False(vocabulary.Contains("cat"));

        var results = items.SelectMany((item, i) => new[]
        {
            new EvalSampleResult(item.Id, "base") { Output = baseAnswers[i] },
            new EvalSampleResult(item.Id, "ft") { Output = ftAnswers[i] },
        }).ToList();
        var report = DomainDriftAnalyzer.Analyze(vocabulary, items, results, "base", "ft");
        // One of two prompts leaked (invoice, ledger) on ft, none on base; McNemar b = 0, c = 1 → p = 1.
        Assert.Equal(0.5, report.CandidateLeakRate, 12);
        Assert.Equal(0, report.BaselineLeakRate, 12);
        Assert.Equal(1, report.PValue, 12);
        Assert.False(report.DriftIntroduced);
        Assert.Contains(report.TopLeakedTerms, p => p.Key == "ledger");
        Assert.True(report.CandidateTermsPerThousandWords > report.BaselineTermsPerThousandWords);
    }

    [Fact]
    public void Memorisation_flags_verbatim_reproduction()
    {
        // The trained answer has 15 tokens; the threshold is max(8, ⌈0.5·15⌉ = 8) = 8 tokens of common run.
        // ft repeats it in full (run 15 → verbatim); base shares "within five business days" (run 4 → not verbatim).
        const string answer = "Your refund for the annual plan will be processed within five business days after we approve it.";
        var items = MemorizationProbe.ToEvalItems([new MemorizationExample("7", "How long does a refund take?", answer)]);
        Assert.Equal(2, items.Count);
        Assert.StartsWith("Quick question: ", items[0].Prompt, StringComparison.Ordinal);
        var results = items.SelectMany(i => new[]
        {
            new EvalSampleResult(i.Id, "ft") { Output = "Sure! " + answer },
            new EvalSampleResult(i.Id, "base") { Output = "Refunds are usually handled within five business days." },
        }).ToList();
        var ft = MemorizationAnalyzer.Analyze(items, results, "ft");
        var bs = MemorizationAnalyzer.Analyze(items, results, "base");
        Assert.Equal(1, ft.VerbatimRate);
        Assert.Equal(1, ft.MeanLongestCommonRun, 12);
        Assert.Equal(0, bs.VerbatimRate);
        Assert.Equal(4 / 17d, bs.MeanLongestCommonRun, 12);
    }

    [Fact]
    public async Task Probe_runner_records_errors_instead_of_throwing()
    {
        var client = new FakeChatClient(_ => throw new InvalidOperationException("boom"));
        var results = await new ProbeRunner().RunAsync([EvalItem.FromPrompt("a", "x")], new EvalTarget("t", client, "m"));
        Assert.Equal("InvalidOperationException: boom", results.Single().Error);
    }
}
