using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

/// <summary>Microsoft.Extensions.AI.Evaluation evaluators as scorers, and scorers as evaluators.</summary>
public sealed class EvaluatorBridgeTests
{
    private static List<EvalItem> Items() =>
    [
        EvalItem.FromPrompt("a", "Say pong.", reference: "pong"),
        EvalItem.FromPrompt("b", "Say a long sentence.", reference: "short"),
        EvalItem.FromPrompt("c", "Fail please.", reference: "x"),
    ];

    [Fact]
    public async Task Evaluator_runs_as_a_scorer_in_the_runner_numeric_boolean_and_errors()
    {
        var client = new FakeChatClient((m, _, _) => m.Last().Text switch
        {
            "Say pong." => "pong",
            "Say a long sentence." => "this answer is rather long",
            _ => "boom",
        });
        var length = new LengthEvaluator().AsEvalScorer();
        var matches = new MatchesReferenceEvaluator().AsEvalScorer();

        var summary = await new EvalRunner().RunAsync(Items(), [new EvalTarget("t", client, "m")], [length, matches]);

        Assert.Equal(0, summary.Failed);
        var a = Assert.Single(summary.Results, r => r.ItemId == "a");
        Assert.Equal(4, a.Scores["length"].Value);
        Assert.True(a.Scores["length"].Passed);
        Assert.Equal("Good", a.Scores["length"].Details!["rating"]);
        Assert.Equal(1, a.Scores["matches"].Value);
        Assert.True(a.Scores["matches"].Passed);
        var b = Assert.Single(summary.Results, r => r.ItemId == "b");
        Assert.False(b.Scores["length"].Passed);
        Assert.Equal(0, b.Scores["matches"].Value);
        Assert.False(b.Scores["matches"].Passed);
        var c = Assert.Single(summary.Results, r => r.ItemId == "c");
        Assert.Equal("the model said boom", c.Scores["length"].Error);
        Assert.Null(c.Scores["length"].Value);
    }

    [Fact]
    public void As_eval_scorer_needs_a_metric_name_when_the_evaluator_reports_several()
    {
        Assert.Throws<ArgumentException>(() => new TwoMetricEvaluator().AsEvalScorer());
        Assert.Throws<ArgumentException>(() => new TwoMetricEvaluator().AsEvalScorer("nope"));
        Assert.Equal("second", new TwoMetricEvaluator().AsEvalScorer("second").Name);
    }

    [Fact]
    public async Task Scorer_runs_as_an_evaluator_with_the_item_from_the_context()
    {
        var evaluator = new EvalScorerRegistry().Create("exact").AsEvaluator();
        var item = EvalItem.FromPrompt("q", "Say pong.", reference: "pong");
        Assert.Equal(["exact"], evaluator.EvaluationMetricNames);

        var good = await evaluator.EvaluateAsync(item.Input, new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong")), additionalContext: [new EvalItemEvaluationContext(item)]);
        var bad = await evaluator.EvaluateAsync(item.Input, new ChatResponse(new ChatMessage(ChatRole.Assistant, "ping")), additionalContext: [new EvalItemEvaluationContext(item)]);

        var goodMetric = good.Get<NumericMetric>("exact");
        Assert.Equal(1, goodMetric.Value);
        Assert.False(goodMetric.Interpretation!.Failed);
        var badMetric = bad.Get<NumericMetric>("exact");
        Assert.Equal(0, badMetric.Value);
        Assert.True(badMetric.Interpretation!.Failed);
    }

    [Fact]
    public async Task Scorer_runs_as_an_evaluator_failures_become_error_diagnostics_and_round_trip_back()
    {
        var throwing = new DelegateEvalScorer("throws", (_, _) => throw new InvalidOperationException("no way"));
        var failing = new DelegateEvalScorer("fails", (_, _) => ValueTask.FromResult(EvalScore.Failed("judge unavailable")));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "x"));

        var thrown = (await throwing.AsEvaluator().EvaluateAsync([new ChatMessage(ChatRole.User, "q")], response)).Metrics["throws"];
        var failed = (await failing.AsEvaluator().EvaluateAsync([new ChatMessage(ChatRole.User, "q")], response)).Metrics["fails"];

        Assert.Contains(thrown.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error && d.Message.Contains("no way", StringComparison.Ordinal));
        var back = await failing.AsEvaluator().AsEvalScorer().ScoreAsync(new EvalScoringContext(EvalItem.FromPrompt("i", "q"), "x", "t"));
        Assert.Equal("judge unavailable", back.Error);
        Assert.Contains(failed.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error);
    }

    /// <summary>Numeric: the answer's length; passes at 10 characters or fewer; an error diagnostic for "boom".</summary>
    private sealed class LengthEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["length"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            var text = modelResponse.Text;
            var metric = new NumericMetric("length", text.Length, "characters");
            if (text == "boom")
            {
                metric.AddDiagnostics(EvaluationDiagnostic.Error("the model said boom"));
            }
            else
            {
                var ok = text.Length <= 10;
                metric.Interpretation = new EvaluationMetricInterpretation(ok ? EvaluationRating.Good : EvaluationRating.Poor, failed: !ok);
            }

            return ValueTask.FromResult(new EvaluationResult(metric));
        }
    }

    /// <summary>Boolean: the answer equals the reference passed in the item context.</summary>
    private sealed class MatchesReferenceEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["matches"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            var reference = additionalContext!.OfType<EvalItemEvaluationContext>().Single().Item.Reference;
            return ValueTask.FromResult(new EvaluationResult(new BooleanMetric("matches", modelResponse.Text == reference)));
        }
    }

    private sealed class TwoMetricEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["first", "second"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EvaluationResult(new NumericMetric("first", 1), new NumericMetric("second", 2)));
    }
}
