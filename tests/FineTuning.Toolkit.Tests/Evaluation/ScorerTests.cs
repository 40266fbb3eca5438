using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class ScorerTests
{
    private static EvalScoringContext Ctx(string output, string? reference = null, IReadOnlyDictionary<string, string>? labels = null) =>
        new(EvalItem.FromPrompt("i1", "question?", reference) with { Labels = labels }, output, "t");

    [Fact]
    public async Task Token_f1_matches_hand_computation()
    {
        // "the cat sat on the mat" → [cat, sat, on, mat]; "a cat on a mat" → [cat, on, mat]; common 3: P = 3/4, R = 3/3, F1 = 2·0.75·1/1.75 = 6/7.
        var s = await new TokenF1Scorer().ScoreAsync(Ctx("the cat sat on the mat", "a cat on a mat"));
        Assert.Equal(6 / 7d, s.Value!.Value, 12);
        Assert.Equal("0.75", s.Details!["precision"]);
    }

    [Fact]
    public async Task Rouge_l_matches_hand_computation()
    {
        // [the cat sat on the mat] vs [the cat was on the mat]: LCS = the cat on the mat = 5; P = R = 5/6; F1 = 5/6.
        var s = await new RougeLScorer(threshold: 0.8).ScoreAsync(Ctx("The cat sat on the mat.", "the cat was on the mat"));
        Assert.Equal(5 / 6d, s.Value!.Value, 12);
        Assert.True(s.Passed);
    }

    [Theory]
    [InlineData("numeric", "3 apples plus 4 is 7", "7", true)]
    [InlineData("numeric", "It costs 1,234.50 dollars", "1234.5", true)]
    [InlineData("numeric", "about 7.1", "7", false)]
    [InlineData("numeric:0.2", "about 7.1", "7", true)]
    [InlineData("numeric:1%", "101", "100", true)]
    [InlineData("numeric:1%", "102", "100", false)]
    [InlineData("numeric", "no digits here", "5", false)]
    [InlineData("json", "```json\n{\"a\": 1}\n```", null, true)]
    [InlineData("json", "{\"a\": 1", null, false)]
    [InlineData("classification:refund,billing,other", "This is a Refund request.", "refund", true)]
    [InlineData("classification:refund,billing,other", "billing or refund?", "refund", false)]
    [InlineData("f1:0.9", "cat on mat", "a cat on a mat", true)]
    public async Task Registry_scorers_pass_and_fail_as_documented(string spec, string output, string? reference, bool passed)
    {
        var s = await new EvalScorerRegistry().Create(spec).ScoreAsync(Ctx(output, reference));
        Assert.Null(s.Error);
        Assert.Equal(passed, s.Passed);
    }

    [Fact]
    public async Task Json_schema_subset_reports_paths()
    {
        const string schema = """
            {"type": "object", "required": ["name", "tags"], "additionalProperties": false,
             "properties": {"name": {"type": "string", "minLength": 2}, "age": {"type": "integer", "minimum": 0, "maximum": 150},
                            "kind": {"enum": ["a", "b"]}, "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}}
            """;
        var scorer = new EvalScorerRegistry().Create("json-schema:" + schema.ReplaceLineEndings(" "));
        var ok = await scorer.ScoreAsync(Ctx("""{"name": "Al", "age": 30, "kind": "a", "tags": ["x"]}"""));
        Assert.True(ok.Passed, ok.Reason);
        var bad = await scorer.ScoreAsync(Ctx("""{"name": "A", "age": 30.5, "kind": "c", "tags": ["x", 1, "z"], "extra": true}"""));
        Assert.False(bad.Passed);
        Assert.Contains("$.name: length 1 is below minLength 2", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("$.age: expected integer", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("$.kind:", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("$.tags: 3 items", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("$.tags[1]: expected string", bad.Reason, StringComparison.Ordinal);
        var missing = await scorer.ScoreAsync(Ctx("""{"name": "Al"}"""));
        Assert.Contains("required property 'tags' is missing", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_schema_subset_rejects_unsupported_keywords()
    {
        var ex = Assert.Throws<ArgumentException>(() => JsonSchemaSubset.Parse("""{"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}]}}}"""));
        Assert.Contains("'anyOf' at $.properties.a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classification_scores_aggregate_into_a_confusion_matrix()
    {
        var scorer = new ClassificationScorer(["refund", "billing"]);
        (string Output, string Expected)[] cases = [("refund", "refund"), ("It is billing", "billing"), ("refund please", "billing"), ("no idea", "refund")];
        var results = new List<EvalSampleResult>();
        var i = 0;
        foreach (var (output, expected) in cases)
        {
            var score = await scorer.ScoreAsync(Ctx(output, labels: new Dictionary<string, string> { ["label"] = expected }));
            results.Add(new EvalSampleResult($"i{i++}", "t") { Output = output, Scores = new Dictionary<string, EvalScore> { ["classification"] = score } });
        }

        // Pairs: (refund, refund), (billing, billing), (billing, refund), (refund, (other)). Labels sorted: (other), billing, refund.
        var m = ClassificationAnalyzer.FromResults(results, "t", "classification");
        Assert.Equal(["(other)", "billing", "refund"], m.Labels);
        Assert.Equal(0.5, m.Accuracy, 12);
        Assert.Equal([0, 1, 1], m.ConfusionMatrix[1]); // billing expected: 1 billing, 1 refund
        Assert.Equal([1, 0, 1], m.ConfusionMatrix[2]); // refund expected: 1 other, 1 refund
    }

    [Fact]
    public async Task Embedding_similarity_is_cosine_of_the_vectors()
    {
        // "a" → (1, 0), "b" → (1, 1): cosine = 1/√2 = 0.7071.
        var generator = new FakeEmbeddingGenerator(t => t == "a" ? [1f, 0f] : [1f, 1f]);
        var s = await new EmbeddingSimilarityScorer(generator, threshold: 0.7).ScoreAsync(Ctx("a", "b"));
        Assert.Equal(1 / Math.Sqrt(2), s.Value!.Value, 6);
        Assert.True(s.Passed);
    }

    [Theory]
    [InlineData("The answer is good.\nSCORE: 4", 4)]
    [InlineData("**Score:** 3/5", 3)]
    [InlineData("{\"score\": 5, \"reason\": \"ok\"}", 5)]
    [InlineData("I'd rate it 2 out of 5.", 2)]
    [InlineData("4", 4)]
    [InlineData("Score: 9", null)]
    [InlineData("no idea", null)]
    public void Judge_reply_parser_finds_scores(string reply, int? expected) =>
        Assert.Equal(expected, (int?)JudgeReplyParser.ParseScore(reply, 1, 5));

    [Fact]
    public async Task Rubric_judge_rescales_and_reports_disagreement()
    {
        // Replies 5, 4, 5: mean 14/3, rescaled (14/3 − 1)/4 = 11/12; mode 5, one of three differs → disagreement 1/3.
        var replies = new Queue<string>(["SCORE: 5", "Score: 4", "score=5"]);
        var judge = new FakeChatClient(_ => replies.Dequeue());
        var s = await new RubricJudgeScorer(judge, repetitions: 3).ScoreAsync(Ctx("Paris", "Paris"));
        Assert.Equal(11 / 12d, s.Value!.Value, 12);
        Assert.Equal("0.333", s.Details!["judge_disagreement"]);
        Assert.Equal(3, judge.Calls);
    }

    [Fact]
    public async Task Rubric_judge_unparseable_is_a_failed_score()
    {
        var s = await new RubricJudgeScorer(new FakeChatClient(_ => "I cannot decide.")).ScoreAsync(Ctx("x", "y"));
        Assert.NotNull(s.Error);
    }

    [Fact]
    public async Task Pairwise_judge_swaps_positions_and_measures_flips()
    {
        // A judge that always prefers "Response 1" is pure position bias: every swap pair flips, votes cancel → tie.
        var biased = new PairwiseJudge(new FakeChatClient(_ => "WINNER: 1"), repetitions: 2);
        var j = await biased.CompareAsync(EvalItem.FromPrompt("q", "?"), "alpha", "beta");
        Assert.Equal(PairwiseOutcome.Tie, j.Outcome);
        Assert.Equal((2, 2, 2), (j.SwapPairs, j.Flips, j.VotesA));

        // A judge that prefers whichever response says "good" is consistent: A wins in both orders, no flips.
        var fair = new PairwiseJudge(new FakeChatClient(m =>
        {
            var text = m[^1].Text;
            return text.IndexOf("good", StringComparison.Ordinal) < text.IndexOf("Response 2:", StringComparison.Ordinal) ? "Verdict: 1" : "Verdict: 2";
        }));
        var judgments = await fair.CompareAllAsync([(EvalItem.FromPrompt("a", "?"), "good", "bad"), (EvalItem.FromPrompt("b", "?"), "bad", "good")]);
        Assert.Equal(PairwiseOutcome.AWins, judgments[0].Outcome);
        Assert.Equal(PairwiseOutcome.BWins, judgments[1].Outcome);
        var summary = PairwiseJudge.Summarize([.. judgments, j], "base", "ft");
        Assert.Equal((1, 1, 1), (summary.WinsA, summary.WinsB, summary.Ties));
        Assert.Equal(2 / 4d, summary.FlipRate, 12); // 2 flips out of 2 + 1 + 1 swap pairs
    }

    [Fact]
    public async Task Registry_resolves_the_keyed_judge_and_embedding_generator()
    {
        var services = new ServiceCollection()
            .AddKeyedSingleton<IChatClient>(EvalScorerRegistry.JudgeServiceKey, new FakeChatClient(_ => "SCORE: 5"))
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddingGenerator(_ => [1f, 2f]))
            .BuildServiceProvider();
        var registry = new EvalScorerRegistry(services);
        Assert.Equal(1, (await registry.Create("judge").ScoreAsync(Ctx("x", "x"))).Value);
        Assert.Equal(1, (await registry.Create("embedding:0.9").ScoreAsync(Ctx("x", "y"))).Value!.Value, 6);
        var ex = Assert.Throws<ArgumentException>(() => new EvalScorerRegistry().Create("judge"));
        Assert.Contains("key \"judge\"", ex.Message, StringComparison.Ordinal);
    }
}
