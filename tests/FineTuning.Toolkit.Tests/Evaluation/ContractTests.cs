using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class ContractTests
{
    private static EvalScoringContext Ctx(string output, string? reference) =>
        new(EvalItem.FromPrompt("i1", "q?", reference), output, "base");

    [Fact]
    public void EvalItem_rejects_empty_input_and_blank_id()
    {
        Assert.Throws<ArgumentException>(() => new EvalItem("x", []));
        Assert.Throws<ArgumentException>(() => new EvalItem(" ", [new ChatMessage(ChatRole.User, "hi")]));
    }

    [Fact]
    public void EvalItem_prompt_is_the_last_user_message()
    {
        var item = new EvalItem("x", [new(ChatRole.System, "sys"), new(ChatRole.User, "first"), new(ChatRole.Assistant, "a"), new(ChatRole.User, "second")]);
        Assert.Equal("second", item.Prompt);
    }

    [Theory]
    [InlineData("exact", " Paris ", "Paris", true)]
    [InlineData("exact", "paris", "Paris", false)]
    [InlineData("normalized-exact", "The  Paris!", "paris", true)]
    [InlineData("normalized-exact", "Paris, France", "paris", false)]
    [InlineData("contains", "It is PARIS  today", "paris", true)]
    [InlineData("contains", "London", "paris", false)]
    [InlineData("regex:^\\d+$", "123", null, true)]
    [InlineData("regex:^\\d+$", "12a", null, false)]
    public async Task Registry_creates_builtin_scorers_that_score_as_documented(string spec, string output, string? reference, bool passed)
    {
        var scorer = new EvalScorerRegistry().Create(spec);
        var score = await scorer.ScoreAsync(Ctx(output, reference));
        Assert.Null(score.Error);
        Assert.Equal(passed, score.Passed);
        Assert.Equal(passed ? 1d : 0d, score.Value);
    }

    [Fact]
    public void Registry_unknown_name_lists_known_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EvalScorerRegistry().Create("nope"));
        Assert.Contains("exact", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_reference_is_a_failed_score_not_an_exception()
    {
        var score = await new ExactMatchScorer().ScoreAsync(Ctx("x", null));
        Assert.NotNull(score.Error);
        Assert.Null(score.Value);
    }

    [Fact]
    public async Task Delegate_scorer_runs_the_function()
    {
        var scorer = new DelegateEvalScorer("short", c => EvalScore.FromBoolean(c.Output.Length < 3));
        Assert.True((await scorer.ScoreAsync(Ctx("ab", null))).Passed);
        Assert.False((await scorer.ScoreAsync(Ctx("abcd", null))).Passed);
    }
}
