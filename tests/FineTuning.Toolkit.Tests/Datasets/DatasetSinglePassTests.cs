using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>
/// The validator's single Utf8JsonReader pass (the common chat shape, no document) must report exactly what the document rules
/// report. An observer turns the single pass off, so each file is validated both ways and the reports compared field by field.
/// </summary>
public sealed class DatasetSinglePassTests
{
    private static readonly string ConformanceFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "Conformance");

    /// <summary>Lines near the single pass's edges: each either is taken by it or falls back to the document rules.</summary>
    private static readonly string[] EdgeLines =
    [
        """{"messages":[{"role":"system","content":"s"},{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":0}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":1},{"role":"user","content":"q2"},{"role":"assistant","content":"b","weight":0}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":2}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":1.0}]}""",
        """{"messages":[{"role":"user","content":"q","weight":1},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q","name":"n"},{"role":"assistant","content":"a","name":"bot"}]}""",
        """{"messages":[{"role":"user","content":"q","name":5},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"   "},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":" \t "}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\n\r\t\f"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\u00a0\u2003"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\u00e9t\u00e9"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\b"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\ud83d\ude00"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"\u0020\u0009x"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"  "}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":""}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":0},{"role":"assistant","content":"b","weight":0}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"user","content":"a"}]}""",
        """{"messages":[{"role":"system","content":"q"}]}""",
        """{"messages":[{"role":"assistant","content":"a"}]}""",
        """{"messages":[]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"extra":1}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"messages":[]}""",
        """{"messages":[{"role":"user","role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q","content":"r"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q","\u0063ontent":"r"},{"role":"assistant","content":"a"}]}""",
        """{"\u006dessages":[{"\u0072ole":"user","content":"q"},{"role":"\u0061ssistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]} """,
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}x""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a <|endoftext|>"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a <\u007cendoftext|>"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a \ud800"}]}""",
        """{"messages":[{"role":"developer","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"tool","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":["q"]},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":null},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"User","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","tool_calls":null}]}""",
        """{"messages":[1,{"role":"assistant","content":"a"}]}""",
        """{"messages":{"role":"user"}}""",
        """{"prompt":"p","completion":"c"}""",
        """[1,2]""",
        """ {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}""",
        """{ "messages" : [ { "role" : "user" , "content" : "q" } , { "role" : "assistant" , "content" : "a" } ] }""",
        """{"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{},"a":{}}}}}],"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}""",
    ];

    [Fact]
    public async Task The_single_pass_reports_what_the_document_rules_report_on_edge_lines()
    {
        // Each edge line among ordinary ones (so that the file's format is chat), and all of them together, with each profile.
        var ordinary = string.Concat(Enumerable.Range(1, 12).Select(i => DatasetValidatorCatalogueTests.ChatLine(i) + "\n"));
        var files = EdgeLines.Select(line => ordinary + line + "\n" + ordinary).Append(ordinary + string.Join("\n", EdgeLines) + "\n").ToList();
        files.Add(string.Join("\n", EdgeLines)); // the format comes from an edge line; no final newline
        foreach (var profile in new[] { ValidationProfile.OpenAI, ValidationProfile.Azure, ValidationProfile.Together })
        {
            foreach (var file in files)
            {
                await AssertSameReportAsync(Encoding.UTF8.GetBytes(file), profile, file);
            }
        }
    }

    [Fact]
    public async Task The_single_pass_reports_what_the_document_rules_report_on_the_conformance_corpus()
    {
        var files = Directory.GetFiles(ConformanceFolder, "*.jsonl", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            await AssertSameReportAsync(await File.ReadAllBytesAsync(file), ValidationProfile.OpenAI, file);
        }
    }

    /// <summary>Mixed scripts, escapes, names, weights and long text: what the single pass must decode exactly to count tokens.</summary>
    private static readonly string[] CountedLines =
    [
        """{"messages":[{"role":"system","content":"Tu es un assistant. 日本語で答えて。"},{"role":"user","content":"Wie spät ist es? 👨‍👩‍👧 नमस्ते"},{"role":"assistant","content":"Es ist \"spät\".\nZeile 2\t\u00e9😀 < |im_start"}]}""",
        """{"messages":[{"role":"user","content":"q","name":"Jürgen \u00fc"},{"role":"assistant","content":"a","name":"bot"}]}""",
        """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"first","weight":0},{"role":"user","content":"again"},{"role":"assistant","content":"second answer","weight":1}]}""",
        """{"messages":[{"content":"content first","role":"user"},{"weight":1,"content":"  leading and trailing  ","role":"assistant"}]}""",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + string.Concat(Enumerable.Repeat("long text, 123456 numbers and words; ", 4000)) + "\"},{\"role\":\"assistant\",\"content\":\"" + new string('x', 200_000) + "\"}]}",
        """{"messages":[{"role":"user","content":"surrogate escapes fall back"},{"role":"assistant","content":"\ud83d\ude00"}]}""",
        """{"messages":[{"role":"user","content":"tools fall back"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]}]}""",
        """{"messages":[{"role":"user","content":[{"type":"text","text":"parts fall back"}]},{"role":"assistant","content":"a"}]}""",
    ];

    [Fact]
    public async Task Token_statistics_are_the_same_from_the_single_pass_and_from_typed_examples()
    {
        var ordinary = string.Concat(Enumerable.Range(1, 12).Select(i => DatasetValidatorCatalogueTests.ChatLine(i) + "\n"));
        var files = new List<(string What, byte[] Bytes)>
        {
            ("counted lines", Encoding.UTF8.GetBytes(ordinary + string.Join("\n", CountedLines) + "\n")),
            ("edge lines", Encoding.UTF8.GetBytes(ordinary + string.Join("\n", EdgeLines) + "\n")),
        };
        foreach (var file in Directory.GetFiles(ConformanceFolder, "*.jsonl", SearchOption.AllDirectories))
        {
            files.Add((file, await File.ReadAllBytesAsync(file)));
        }

        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
        {
            var counter = new ChatTokenCounter(encoding);
            foreach (var (what, bytes) in files)
            {
                var pass = new TokenStatisticsObserver(counter, exampleTokenLimit: 100);
                var passRecorder = new MessageRecorder(fromPass: true);
                var passOptions = new DatasetValidationOptions();
                passOptions.Observers.Add(pass);
                passOptions.Observers.Add(passRecorder);
                var passReport = await DatasetValidator.ValidateAsync(new MemoryStream(bytes), passOptions);

                var typed = new TokenStatisticsObserver((line, example) => counter.Count(example).ToExampleTokenCounts(line), encoding.Name, exampleTokenLimit: 100);
                var typedRecorder = new MessageRecorder(fromPass: false);
                var typedOptions = new DatasetValidationOptions();
                typedOptions.Observers.Add(typed);
                typedOptions.Observers.Add(typedRecorder);
                var typedReport = await DatasetValidator.ValidateAsync(new MemoryStream(bytes), typedOptions);

                Assert.True(Describe(typedReport) == Describe(passReport), $"{what}: reports differ");
                var a = typedReport.Sections[TokenStatisticsObserver.SectionName].ToJson().GetRawText();
                var b = passReport.Sections[TokenStatisticsObserver.SectionName].ToJson().GetRawText();
                Assert.True(a == b, $"{encoding.Name} {what}:\n typed: {a}\n  pass: {b}");
                Assert.Equal(typed.Statistics.GetExamplesOverLimit(100), pass.Statistics.GetExamplesOverLimit(100));
                Assert.Equal(typedRecorder.Messages, passRecorder.Messages); // the single pass decodes each message as the typed example has it
                if (what == "counted lines")
                {
                    // The single pass took the text-only counted lines (13 to 17), the typed path the others.
                    Assert.Equal([13L, 14L, 15L, 16L, 17L], passRecorder.PassLines.Where(l => l > 12));
                    Assert.True(passRecorder.PassLines.Count >= 15);
                    Assert.Empty(typedRecorder.PassLines);
                }
            }
        }
    }

    [Fact]
    public async Task A_repeated_key_is_a_warning_at_its_path_and_the_last_value_counts()
    {
        var ordinary = string.Concat(Enumerable.Range(1, 10).Select(i => DatasetValidatorCatalogueTests.ChatLine(i) + "\n"));
        var text = ordinary
            + """{"messages":[{"role":"user","content":"q"},{"role":"assistant","role":"user","content":"a"},{"role":"assistant","content":"b"}]}""" + "\n"
            + """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"b"}]}""" + "\n"
            + """{"messages":[{"role":"user","content":"q","\u0063ontent":"r"},{"role":"assistant","content":"a"}]}""" + "\n";
        var report = await DatasetValidatorCatalogueTests.ValidateAsync(text);
        var repeated = report.Diagnostics.Where(d => d.Code == DatasetDiagnosticCodes.DuplicateKey).ToList();
        Assert.Equal(3, repeated.Count);
        Assert.All(repeated, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal((11L, "$.messages[1].role"), (repeated[0].Line, repeated[0].Path));
        Assert.Equal((12L, "$.messages"), (repeated[1].Line, repeated[1].Path));
        Assert.Equal((13L, "$.messages[0].content"), (repeated[2].Line, repeated[2].Path));
        Assert.Contains("'role'", repeated[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, report.ErrorCount);
    }

    [Fact]
    public async Task An_object_with_many_keys_is_checked_for_repeats_by_name_set()
    {
        var properties = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"p{i}\":{{}}")) + ",\"p7\":{}";
        var line = "{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{" + properties
            + "}}}}],\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var report = await DatasetValidatorCatalogueTests.ValidateAsync(line + "\n");
        var repeated = Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.DuplicateKey);
        Assert.Equal("$.tools[0].function.parameters.properties.p7", repeated.Path);
    }

    private static async Task AssertSameReportAsync(byte[] bytes, ValidationProfile profile, string what)
    {
        var singlePass = await DatasetValidator.ValidateAsync(new MemoryStream(bytes), new DatasetValidationOptions { Profile = profile });
        var documentOnly = new DatasetValidationOptions { Profile = profile };
        documentOnly.Observers.Add(new NoObserver());
        var document = await DatasetValidator.ValidateAsync(new MemoryStream(bytes), documentOnly);
        Assert.True(Describe(document) == Describe(singlePass), $"{profile.Name}: {what}\n--- document rules:\n{Describe(document)}\n--- single pass:\n{Describe(singlePass)}");
    }

    private static string Describe(DatasetValidationReport report) =>
        $"format={report.Format} lines={report.LineCount} examples={report.ExampleCount} errors={report.ErrorCount} warnings={report.WarningCount} infos={report.InfoCount}\n"
        + string.Join("\n", report.Diagnostics.Select(d => $"{d.Line} {d.Code} {d.Severity} {d.Path} | {d.Message} | {d.Suggestion}"))
        + "\n" + string.Join("\n", report.Codes.Select(c => $"{c.Code} {c.Count} {c.FirstLine}"));

    /// <summary>Records every message (role, content, name, weight) as an observer sees it, from the single pass or a typed example.</summary>
    private sealed class MessageRecorder(bool fromPass) : IChatPassObserver
    {
        public List<string> Messages { get; } = [];

        public List<long> PassLines { get; } = [];

        public bool ObservesChatPass => fromPass;

        public void ObserveChat(long lineNumber, ChatPassLine line)
        {
            PassLines.Add(lineNumber);
            for (var i = 0; i < line.Count; i++)
            {
                var name = line[i].HasName ? line.Name(i).ToString() : null;
                Messages.Add($"{lineNumber} {line[i].Role} [{line.Content(i).ToString()}] name={name ?? "-"} weight={(line[i].Weight < 0 ? "-" : line[i].Weight.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }

        public void Observe(long lineNumber, DatasetExample example)
        {
            if (example is not ChatExample chat || chat.Messages.Any(m => m.Content?.Text is null || m.ToolCalls is not null))
            {
                return; // only text messages: what the single pass takes
            }

            foreach (var m in chat.Messages)
            {
                Messages.Add($"{lineNumber} {m.Role.Value} [{m.Content!.Text}] name={m.Name ?? "-"} weight={(m.Weight is { } w ? w.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}");
            }
        }

        public void OnCompleted(DatasetValidationReport report)
        {
        }
    }

    private sealed class NoObserver : IDatasetExampleObserver
    {
        public void Observe(long lineNumber, DatasetExample example)
        {
        }

        public void OnCompleted(DatasetValidationReport report)
        {
        }
    }
}
