using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Sweeps;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation;

/// <summary>A deterministic report with every section filled, for report tests and the render script.</summary>
internal static class DemoReport
{
    public static async Task<EvaluationReport> CreateAsync()
    {
        string[] labels = ["billing", "refund", "shipping", "other"];
        var scorers = new IEvalScorer[] { new ExactMatchScorer(normalize: true), new ClassificationScorer(labels) };
        var results = new List<EvalSampleResult>();
        var items = new List<EvalItem>();
        for (var i = 0; i < 40; i++)
        {
            var expected = labels[i % 4];
            var item = EvalItem.FromPrompt($"t{i:00}", i == 3 ? "Ticket 3: " + string.Concat(Enumerable.Repeat("averyveryverylongwordwithoutspaces", 6)) + " and a long sentence about a refund that never arrived." : $"Ticket {i}", expected) with { Labels = new Dictionary<string, string> { ["label"] = expected } };
            items.Add(item);
            for (var s = 0; s < 3; s++)
            {
                // base is right on ~half the items and wobbles between runs; the fine-tuned model is right on 36 of 40.
                var baseOut = (i % 2 == 0 || (i + s) % 5 == 0) ? expected : labels[(i + 1) % 4];
                var ftOut = i < 36 ? expected : labels[(i + 2) % 4];
                foreach (var (target, output) in new[] { ("base", baseOut), ("tuned", ftOut) })
                {
                    var scores = new Dictionary<string, EvalScore>();
                    foreach (var scorer in scorers)
                    {
                        scores[scorer.Name] = await scorer.ScoreAsync(new EvalScoringContext(item, output, target, s));
                    }

                    results.Add(new EvalSampleResult(item.Id, target, s) { Output = output, Scores = scores });
                }
            }
        }

        var biasSet = BiasProbeSet.LoadBuiltIn();
        var biasResults = new List<EvalSampleResult>();
        foreach (var item in biasSet.ToEvalItems())
        {
            var group = item.Labels![ProbeLabels.Group];
            biasResults.Add(new EvalSampleResult(item.Id, "base") { Output = item.Prompt.Contains("he or she", StringComparison.Ordinal) ? "he" : item.Prompt.Contains("approve or deny", StringComparison.Ordinal) ? (group == "abroad" ? "deny" : "approve") : "They did well and he was happy." });
            biasResults.Add(new EvalSampleResult(item.Id, "tuned") { Output = item.Prompt.Contains("he or she", StringComparison.Ordinal) ? (group.StartsWith("female", StringComparison.Ordinal) ? "she" : "he") : item.Prompt.Contains("approve or deny", StringComparison.Ordinal) ? "approve" : "They did well." });
        }

        var driftItems = DomainDriftProbe.ToEvalItems();
        var driftResults = driftItems.SelectMany((item, i) => new[]
        {
            new EvalSampleResult(item.Id, "base") { Output = "A calm and friendly answer about everyday things." },
            new EvalSampleResult(item.Id, "tuned") { Output = i % 3 == 0 ? "Please reference your invoice number and refund ticket for this." : "A calm and friendly answer about everyday things." },
        }).ToList();
        var vocabulary = DomainVocabulary.Build(
            ["Your invoice shows the refund.", "The refund ticket references your invoice.", "We issue a refund once the invoice ticket is closed."],
            ["A calm and friendly answer about everyday things."],
            minimumCount: 2,
            minimumZ: 0.5);

        var series = new TrainingMetricsSeries("ftjob-demo (3 epochs)", [.. Enumerable.Range(1, 60).Select(step => new FineTuning.Toolkit.Jobs.TrainingMetricPoint
        {
            Step = step,
            TrainLoss = 1.8 * Math.Exp(-step / 15.0) + 0.05,
            ValidLoss = step % 5 == 0 ? 0.9 * Math.Exp(-step / 18.0) + 0.25 + Math.Max(0, step - 40) * 0.006 : null,
        })]);
        var sweep = CheckpointSweep.Recommend(
            [new SweepCandidate("ckpt-step-20", 0.83) { Epochs = 1, Step = 20 }, new SweepCandidate("ckpt-step-40", 0.90) { Epochs = 2, Step = 40 }, new SweepCandidate("ft-final", 0.86) { Epochs = 3, Step = 60 }],
            [series]);

        return new EvaluationReportBuilder("Support triage: base vs fine-tuned")
            .WithTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero)))
            .WithDescription("40 held-out tickets, 3 samples each, temperature 0.7.")
            .AddResults(results)
            .Compare("base", "tuned")
            .AddPairwise(new PairwiseSummary("base", "tuned", 6, 27, 7, 0.125, McNemarTest.ExactPValue(6, 27)))
            .WithBias(BiasProbeAnalyzer.Compare(biasSet, biasResults, "base", "tuned"))
            .WithDrift(DomainDriftAnalyzer.Analyze(vocabulary, driftItems, driftResults, "base", "tuned"))
            .AddMemorization(new MemorizationReport("base", 80, 0.0, 0.12, 0.03, 8))
            .AddMemorization(new MemorizationReport("tuned", 80, 0.2125, 0.41, 0.27, 8))
            .WithSweep(sweep)
            .AddMetrics(series)
            .AddItems(items)
            .WithLineage(new FineTuning.Toolkit.Evaluation.Running.EvalLineage
            {
                EvalSet = "tickets-heldout.jsonl",
                EvalSetSha256 = new string('a', 64),
                TrainingSha256 = new string('b', 64),
                ValidationSha256 = new string('c', 64),
                Models = new Dictionary<string, string> { ["base"] = "gpt-4.1-mini-2025-04-14", ["tuned"] = "ft:gpt-4.1-mini-2025-04-14:acme:triage:abc123" },
                Jobs = new Dictionary<string, string> { ["tuned"] = "ftjob-demo" },
                JudgeModel = "gpt-4.1-2025-04-14",
            })
            .AddNote("Demo data generated by the test suite.")
            .Build();
    }

}
