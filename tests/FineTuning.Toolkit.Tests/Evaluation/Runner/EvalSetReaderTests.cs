using FineTuning.Toolkit.Evaluation;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

public sealed class EvalSetReaderTests
{
    private static async Task<List<EvalSetLine>> ReadAsync(string text, EvalSetFormat format = EvalSetFormat.Auto, EvalSetTemplate? template = null)
    {
        var lines = new List<EvalSetLine>();
        await foreach (var line in EvalSetReader.ReadAsync(new StringReader(text), format, template)) lines.Add(line);
        return lines;
    }

    [Fact]
    public async Task Read_async_item_lines_map_every_field()
    {
        var lines = await ReadAsync("""
            {"id": "a", "input": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"}], "reference": "Hello", "labels": {"class": "greet"}, "metadata": {"n": 1}}

            {"id": "b", "prompt": "2+2?", "reference": "4"}
            """);
        Assert.Equal(2, lines.Count);
        var a = lines[0].Item!;
        Assert.Equal("a", a.Id);
        Assert.Equal(ChatRole.System, a.Input[0].Role);
        Assert.Equal("Hi?", a.Prompt);
        Assert.Equal("Hello", a.Reference);
        Assert.Equal("greet", a.GetLabel("class"));
        Assert.Equal(1, a.Metadata!["n"].GetInt32());
        Assert.Equal(3, lines[1].LineNumber);
        Assert.Equal("4", lines[1].Item!.Reference);
    }

    [Fact]
    public async Task Read_async_chat_training_line_last_assistant_turn_is_the_reference()
    {
        var lines = await ReadAsync("""
            {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "U1"}, {"role": "assistant", "content": "A1"}, {"role": "user", "content": "U2"}, {"role": "assistant", "content": "A2"}]}
            """);
        var item = lines.Single().Item!;
        Assert.Equal("line-1", item.Id);
        Assert.Equal(4, item.Input.Count);
        Assert.Equal("U2", item.Prompt);
        Assert.Equal("A2", item.Reference);
    }

    [Fact]
    public async Task Read_async_gsm_sample_reads_all_fifty_lines()
    {
        var count = 0;
        await foreach (var line in EvalSetReader.ReadAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "Evaluation", "gsm8k-chat-50.jsonl")))
        {
            Assert.True(line.IsValid, line.Error);
            Assert.False(string.IsNullOrEmpty(line.Item!.Reference));
            count++;
        }
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task Read_async_question_answer_rows()
    {
        var item = (await ReadAsync("""{"id": 7, "question": "Capital of France?", "answer": "Paris", "system": "Answer in one word."}""")).Single().Item!;
        Assert.Equal("7", item.Id);
        Assert.Equal(2, item.Input.Count);
        Assert.Equal("Paris", item.Reference);
    }

    [Fact]
    public async Task Read_async_open_AI_evals_rows_apply_the_template()
    {
        var template = new EvalSetTemplate(
            [new("system", "You grade {{item.topic}}."), new("user", "Q: {{item.question}} ({{item.meta.level}})")],
            referenceTemplate: "{{ item.answer }}",
            idTemplate: "{{item.key}}");
        var lines = await ReadAsync("""
            {"item": {"key": "k1", "topic": "maths", "question": "1+1", "answer": "2", "meta": {"level": "easy"}}}
            {"item": {"key": "k2", "topic": "maths", "answer": "3"}}
            """, EvalSetFormat.OpenAIEvals, template);
        var item = lines[0].Item!;
        Assert.Equal("k1", item.Id);
        Assert.Equal("You grade maths.", item.Input[0].Text);
        Assert.Equal("Q: 1+1 (easy)", item.Input[1].Text);
        Assert.Equal("2", item.Reference);
        Assert.False(lines[1].IsValid);
        Assert.Equal(2, lines[1].LineNumber);
        Assert.Contains("item.question", lines[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_async_malformed_lines_are_reported_with_line_numbers_and_paths()
    {
        var lines = await ReadAsync("""
            {"id": "a", "prompt": "ok"}
            {not json
            {"id": "b", "input": [{"role": "wizard", "content": "x"}]}
            {"id": "a", "prompt": "again"}
            {"messages": [{"role": "user", "content": "no answer"}]}
            [1, 2]
            {"id": "c", "input": [{"role": "user", "content": 5}]}
            """);
        Assert.Equal(7, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.Contains("invalid JSON", lines[1].Error, StringComparison.Ordinal);
        Assert.Contains("$.input[0].role", lines[2].Error, StringComparison.Ordinal);
        Assert.Contains("duplicate id 'a'", lines[3].Error, StringComparison.Ordinal);
        Assert.Contains("no assistant message", lines[4].Error, StringComparison.Ordinal);
        Assert.Contains("JSON object", lines[5].Error, StringComparison.Ordinal);
        Assert.Contains("$.input[0].content", lines[6].Error, StringComparison.Ordinal);
        Assert.Equal([2, 3, 4, 5, 6, 7], lines.Where(l => !l.IsValid).Select(l => l.LineNumber));
    }
}

public sealed class EvalSetReaderBadLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-evalset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Bad_lines_become_per_line_errors_and_reading_goes_on()
    {
        var path = FineTuning.Toolkit.Tests.Datasets.BadLines.WriteChat(_dir);
        var lines = new List<EvalSetLine>();
        await foreach (var line in EvalSetReader.ReadAsync(path))
        {
            lines.Add(line);
        }

        Assert.Equal([1, 2, 3, 5], lines.Select(l => l.LineNumber));
        Assert.Equal("first question", lines[0].Item!.Prompt);
        Assert.Equal("answer one", lines[0].Item!.Reference);
        Assert.Contains("lone UTF-16 surrogate", lines[1].Error, StringComparison.Ordinal);
        Assert.Contains("$.messages[0].content", lines[1].Error, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", lines[2].Error, StringComparison.Ordinal);
        Assert.Equal("answer two", lines[3].Item!.Reference);
    }

    [Fact]
    public void ParseLine_reports_a_lone_surrogate_instead_of_throwing()
    {
        var line = EvalSetReader.ParseLine("{\"prompt\":\"a \\ud800 b\"}", 4);
        Assert.False(line.IsValid);
        Assert.Contains("$.prompt", line.Error, StringComparison.Ordinal);
    }
}
