using System.Text.Json;
using FineTuning.Toolkit.Jobs.Graders;
using FineTuning.Toolkit.Tests.Evaluation;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>Issue 15: graders read from the platform's JSON and run locally before RFT is paid for.</summary>
public sealed class GraderDryRunTests
{
    private static GraderSample Sample(string output, string item) => new(JsonDocument.Parse(item).RootElement.Clone(), output);

    [Fact]
    public void Every_grader_type_is_read_from_the_platform_json_and_written_back_the_same()
    {
        const string Json = """
            {"type":"multi","name":"mix","calculate_output":"0.5 * a + 0.5 * max(b, c)","graders":{
              "a":{"type":"string_check","name":"a","input":"{{sample.output_text}}","reference":"{{item.answer}}","operation":"ilike"},
              "b":{"type":"text_similarity","name":"b","input":"{{sample.output_text}}","reference":"{{item.answer}}","evaluation_metric":"rouge_l"},
              "c":{"type":"score_model","name":"c","model":"gpt-4.1-mini-2025-04-14","input":[{"role":"user","content":"Score {{sample.output_text}}"}],"range":[0,10]},
              "d":{"type":"python","name":"d","source":"def grade(s, i):\n    return 1"}}}
            """;
        var grader = Assert.IsType<MultiGrader>(Grader.Parse(Json));
        Assert.Empty(grader.Validate());
        Assert.Equal((0, 10), Assert.IsType<ScoreModelGrader>(grader.Graders["c"]).Range);
        Assert.Equal("ilike", Assert.IsType<StringCheckGrader>(grader.Graders["a"]).Operation);
        var again = Grader.Parse(grader.ToJson().ToJsonString());
        Assert.Equal(grader.ToJson().ToJsonString(), again.ToJson().ToJsonString());

        var missing = Assert.Throws<FormatException>(() => Grader.Parse("""{"type":"multi","graders":{"x":{"type":"string_check","input":"a"}},"calculate_output":"x"}"""));
        Assert.Contains("grader.graders.x.reference", missing.Message, StringComparison.Ordinal);
        Assert.Contains("unknown grader type 'bogus'", Assert.Throws<FormatException>(() => Grader.Parse("""{"type":"bogus"}""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task String_check_and_text_similarity_run_locally_and_a_constant_grader_is_flagged()
    {
        var like = new StringCheckGrader("like", "{{sample.output_text}}", "{{item.answer}}", "like");
        var samples = new[] { Sample("The answer is 42.", """{"answer":"42"}"""), Sample("It is forty-two", """{"answer":"42"}"""), Sample("42", """{"answer":"42"}""") };
        var report = await GraderDryRun.Grade(like, samples, null);
        Assert.Equal([1, 0, 1], report.Scores);
        Assert.Equal(2 / 3.0, report.ShareOne, 6);
        Assert.Null(report.Warning);
        Assert.Equal(1, report.Histogram[0]);
        Assert.Equal(2, report.Histogram[^1]);

        var eq = new StringCheckGrader("eq", "{{sample.output_text}}", "{{item.answer}}");
        var constant = await GraderDryRun.Grade(eq, samples[..2], null);
        Assert.True(constant.IsConstant);
        Assert.Contains("same score (0)", constant.Warning, StringComparison.Ordinal);

        var rouge = await GraderDryRun.Grade(new TextSimilarityGrader("r", "{{sample.output_text}}", "{{item.answer}}", "rouge_l"), [Sample("the cat sat", """{"answer":"the cat sat"}"""), Sample("a dog ran", """{"answer":"the cat sat"}""")], null);
        Assert.Equal([1, 0], rouge.Scores);
        var bleu = await GraderDryRun.Grade(new TextSimilarityGrader("b", "{{sample.output_text}}", "{{item.answer}}", "bleu"), [Sample("the cat sat on the mat", """{"answer":"the cat sat on the mat"}""")], null);
        Assert.Equal(1, bleu.Scores[0], 6);
        var fuzzy = await GraderDryRun.Grade(new TextSimilarityGrader("f", "{{sample.output_text}}", "{{item.answer}}"), [Sample("kitten", """{"answer":"sitting"}""")], null);
        Assert.Equal(1 - (3 / 7.0), fuzzy.Scores[0], 6);
        var cosine = await GraderDryRun.Grade(new TextSimilarityGrader("c", "{{sample.output_text}}", "{{item.answer}}", "cosine"), [Sample("x", """{"answer":"y"}""")], null);
        Assert.Contains("cosine", cosine.NotRunnable, StringComparison.Ordinal);

        var missingField = await GraderDryRun.Grade(eq, [Sample("x", """{"other":"y"}""")], null);
        Assert.Contains("{{item.answer}}", Assert.Single(missingField.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_graders_ask_their_model_python_is_not_runnable_and_multi_combines_with_its_formula()
    {
        using var judge = new FakeChatClient(_ => "Score: 7");
        var score = new ScoreModelGrader("s", "judge-model", [new GraderMessage("user", "Rate {{sample.output_text}} against {{item.answer}}")]) { Range = (0, 10) };
        string? asked = null;
        var report = await GraderDryRun.Grade(score, [Sample("42", """{"answer":"42"}""")], model => { asked = model; return judge; });
        Assert.Equal("judge-model", asked);
        Assert.Equal([7], report.Scores);
        Assert.Equal(10, report.RangeMax);

        var python = await GraderDryRun.Grade(new PythonGrader("p", "def grade(s, i):\n    return 1"), [Sample("x", "{}")], null);
        Assert.Contains("python graders", python.NotRunnable, StringComparison.Ordinal);
        Assert.Empty(python.Scores);

        var multi = new MultiGrader("m", new Dictionary<string, Grader>
        {
            ["exact"] = new StringCheckGrader("exact", "{{sample.output_text}}", "{{item.answer}}"),
            ["partial"] = new StringCheckGrader("partial", "{{sample.output_text}}", "{{item.answer}}", "like"),
        }, "0.25 * exact + 0.75 * (partial ^ 2) - abs(-0)");
        var combined = await GraderDryRun.Grade(multi, [Sample("42", """{"answer":"42"}"""), Sample("x42", """{"answer":"42"}"""), Sample("y", """{"answer":"42"}""")], null);
        Assert.Equal([1, 0.75, 0], combined.Scores);
    }
}
