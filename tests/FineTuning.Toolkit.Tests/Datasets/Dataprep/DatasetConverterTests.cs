using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Conversion;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

public sealed class DatasetConverterTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "TestData", "Dataprep");

    [Fact]
    public async Task Legacy_sample_becomes_chat_with_separator_detected_and_stripped()
    {
        using var temp = new TempFolder();
        var output = temp.File("chat.jsonl");
        var report = await DatasetConverter.LegacyToChatAsync(Path.Combine(Samples, "legacy-prompt-completion.jsonl"), output,
            new LegacyConversionOptions { SystemPrompt = "Classify the question.", StripSeparators = true });

        Assert.Empty(report.Errors);
        Assert.Equal(45, report.Written);
        Assert.Equal(" ->", report.DetectedPromptSeparator);
        Assert.Null(report.DetectedCompletionStop);
        var lines = TempFolder.ReadJsonl(output);
        Assert.Equal(45, lines.Count);
        var first = ChatExample.Parse(lines[0]);
        Assert.Equal(["system", "user", "assistant"], first.Messages.Select(m => m.Role.Value));
        Assert.Equal("Classify the question.", first.Messages[0].Text);
        Assert.Equal("What is the price of the new Surface Laptop 4?", first.Messages[1].Text);
        Assert.Equal("1", first.Messages[2].Text);
    }

    [Fact]
    public async Task Legacy_text_is_kept_unless_stripping_is_asked_but_the_separator_is_still_reported()
    {
        using var temp = new TempFolder();
        var output = temp.File("chat.jsonl");
        var report = await DatasetConverter.LegacyToChatAsync(Path.Combine(Samples, "legacy-prompt-completion.jsonl"), output);
        Assert.Equal(" ->", report.DetectedPromptSeparator);
        Assert.Null(report.StrippedPromptSeparator);
        var first = ChatExample.Parse(TempFolder.ReadJsonl(output)[0]);
        Assert.Equal(2, first.Messages.Count);
        Assert.EndsWith(" ->", first.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(" 1", first.Messages[1].Text);
    }

    [Fact]
    public async Task Legacy_hash_separator_and_end_stop_are_detected()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("legacy.jsonl",
        [
            """{"prompt":"Summarise: the cat sat\n\n###\n\n","completion":" A cat sat. END"}""",
            """{"prompt":"Summarise: dogs bark\n\n###\n\n","completion":" Dogs bark. END"}""",
        ]);
        var output = temp.File("chat.jsonl");
        var report = await DatasetConverter.LegacyToChatAsync(input, output, new LegacyConversionOptions { StripSeparators = true });
        Assert.Equal("\n\n###\n\n", report.DetectedPromptSeparator);
        Assert.Equal(" END", report.DetectedCompletionStop);
        var second = ChatExample.Parse(TempFolder.ReadJsonl(output)[1]);
        Assert.Equal("Summarise: dogs bark", second.Messages[0].Text);
        Assert.Equal("Dogs bark.", second.Messages[1].Text);
    }

    [Fact]
    public async Task Legacy_bad_lines_are_reported_with_line_numbers_and_the_rest_converted()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("legacy.jsonl",
        [
            """{"prompt":"a ->","completion":" x"}""",
            """{"prompt":"b ->","completion": """,
            """{"prompt":"c ->"}""",
            "",
            """{"prompt":"d ->","completion":" "}""",
            """{"prompt":"e ->","completion":" y"}""",
        ]);
        var report = await DatasetConverter.LegacyToChatAsync(input, temp.File("chat.jsonl"));
        Assert.Equal(2, report.Written);
        Assert.Equal([2L, 3L, 5L], report.Errors.Select(e => e.Line));
        Assert.Equal(DatasetDiagnosticCodes.MissingCompletion, report.Errors[1].Code);
        Assert.Equal(DatasetDiagnosticCodes.EmptyCompletion, report.Errors[2].Code);
    }

    [Fact]
    public async Task Csv_with_quotes_newlines_and_header_mapping_becomes_chat()
    {
        using var temp = new TempFolder();
        var input = temp.Write("faq.csv",
            "\uFEFFquestion,answer,category\r\n" +
            "\"How do I reset, quickly?\",\"Hold the button.\nThen wait.\",support\r\n" +
            "\"He said \"\"hi\"\"\",Hello back,chat\r\n" +
            "Missing answer,,chat\r\n" +
            "too,many,fields,here\r\n" +
            "\"broken\"quote,x,y\r\n" +
            "Last,One,z\r\n");
        var output = temp.File("chat.jsonl");
        var report = await DatasetConverter.CsvToChatAsync(input, output, new CsvConversionOptions { SystemPrompt = "You are helpful." });

        Assert.Equal(3, report.Written);
        Assert.Equal(6, report.Read);
        Assert.Equal(
            [(5L, ConversionDiagnosticCodes.CsvMissingText), (6L, ConversionDiagnosticCodes.CsvFieldCount), (7L, ConversionDiagnosticCodes.MalformedCsvRecord)],
            report.Errors.Select(e => (e.Line, e.Code)));
        var examples = TempFolder.ReadJsonl(output).Select(ChatExample.Parse).ToList();
        Assert.Equal("You are helpful.", examples[0].Messages[0].Text);
        Assert.Equal("How do I reset, quickly?", examples[0].Messages[1].Text);
        Assert.Equal("Hold the button.\nThen wait.", examples[0].Messages[2].Text);
        Assert.Equal("He said \"hi\"", examples[1].Messages[1].Text);
    }

    [Fact]
    public async Task Csv_without_header_uses_column_numbers_and_the_delimiter()
    {
        using var temp = new TempFolder();
        var input = temp.Write("data.csv", "sys A;q1;a1\n;q2;a2\n");
        var output = temp.File("chat.jsonl");
        var report = await DatasetConverter.CsvToChatAsync(input, output, new CsvConversionOptions
        {
            HasHeader = false, Delimiter = ';', SystemColumn = "1", UserColumn = "2", AssistantColumn = "3", SystemPrompt = "default",
        });
        Assert.Empty(report.Errors);
        var examples = TempFolder.ReadJsonl(output).Select(ChatExample.Parse).ToList();
        Assert.Equal(["sys A", "q1", "a1"], examples[0].Messages.Select(m => m.Text));
        Assert.Equal(["default", "q2", "a2"], examples[1].Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Csv_unknown_column_is_an_argument_error_naming_the_header()
    {
        using var temp = new TempFolder();
        var input = temp.Write("data.csv", "q,a\nx,y\n");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DatasetConverter.CsvToChatAsync(input, temp.File("o.jsonl"), new CsvConversionOptions { UserColumn = "prompt" }));
        Assert.Contains("q, a", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("o.jsonl")));
    }

    [Fact]
    public async Task Chat_sample_becomes_an_eval_set_in_the_agreed_shape()
    {
        using var temp = new TempFolder();
        var output = temp.File("eval.jsonl");
        var report = await DatasetConverter.ChatToEvalSetAsync(Path.Combine(Samples, "gsm8k-chat-50.jsonl"), output);
        Assert.Empty(report.Errors);
        Assert.Equal(50, report.Written);
        var items = TempFolder.ReadJsonl(output);
        var source = TempFolder.ReadJsonl(Path.Combine(Samples, "gsm8k-chat-50.jsonl"));
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Assert.Equal(["id", "input", "reference", "metadata"], item.EnumerateObject().Select(p => p.Name));
            Assert.Equal($"line-{i + 1}", item.GetProperty("id").GetString());
            Assert.Equal(i + 1, item.GetProperty("metadata").GetProperty("source_line").GetInt64());
            var messages = source[i].GetProperty("messages");
            Assert.Equal(messages.GetArrayLength() - 1, item.GetProperty("input").GetArrayLength());
            Assert.Equal(messages[messages.GetArrayLength() - 1].GetProperty("content").GetString()!.Trim(), item.GetProperty("reference").GetString());
            Assert.True(JsonElement.DeepEquals(messages[1], item.GetProperty("input")[1]));
        }
    }

    [Fact]
    public async Task Chat_without_an_answer_turn_is_reported_and_multi_turn_keeps_earlier_turns()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("chat.jsonl",
        [
            """{"id":"t1","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":"2+2?"},{"role":"assistant","content":[{"type":"text","text":"4"}]}]}""",
            """{"messages":[{"role":"user","content":"no answer"}]}""",
            """{"prompt":"legacy","completion":"x"}""",
            """{"messages":[{"role":"user","content":"call"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}]}""",
        ]);
        var output = temp.File("eval.jsonl");
        var report = await DatasetConverter.ChatToEvalSetAsync(input, output);
        Assert.Equal(1, report.Written);
        Assert.Equal(
            [(2L, ConversionDiagnosticCodes.NoReferenceTurn), (3L, ConversionDiagnosticCodes.NotChat), (4L, ConversionDiagnosticCodes.EmptyReference)],
            report.Errors.Select(e => (e.Line, e.Code)));
        var item = Assert.Single(TempFolder.ReadJsonl(output));
        Assert.Equal("t1", item.GetProperty("id").GetString());
        Assert.Equal(3, item.GetProperty("input").GetArrayLength());
        Assert.Equal("4", item.GetProperty("reference").GetString());
    }
}
