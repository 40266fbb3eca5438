using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using static FineTuning.Toolkit.Tests.Datasets.DatasetValidatorCatalogueTests;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class DatasetValidatorTests
{
    private static string Lines(Func<int, string> make, int count) => string.Concat(Enumerable.Range(1, count).Select(i => make(i) + "\n"));

    [Fact]
    public async Task Validate_fewer_than_ten_examples_is_file_level_error()
    {
        var report = await ValidateAsync(Lines(ChatLine, 9));
        var diagnostic = Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.TooFewExamples);
        Assert.Equal(0, diagnostic.Line);
        Assert.False(report.IsValid);
        Assert.True((await ValidateAsync(Lines(ChatLine, 10))).IsValid);
    }

    [Fact]
    public async Task Validate_empty_file_is_error()
    {
        var report = await ValidateAsync(string.Empty);
        Assert.Equal(DatasetDiagnosticCodes.EmptyFile, Assert.Single(report.Diagnostics).Code);
        Assert.Equal(DatasetFormat.Unknown, report.Format);
    }

    [Fact]
    public async Task Validate_mixed_formats_reported_once_at_first_differing_line()
    {
        var text = Lines(ChatLine, 5) + CompletionLine(1) + "\n" + PreferenceLine(1) + "\n" + Lines(i => ChatLine(i + 100), 5);
        var report = await ValidateAsync(text);
        var mixed = Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.MixedFormats);
        Assert.Equal(6, mixed.Line);
        Assert.Equal(DatasetFormat.Chat, report.Format);
    }

    [Fact]
    public async Task Validate_max_errors_keeps_cap_but_counts_all()
    {
        var text = Lines(ChatLine, 10) + string.Concat(Enumerable.Range(0, 50).Select(i => "not json " + i + "\n"));
        var report = await ValidateAsync(text, new DatasetValidationOptions { MaxErrors = 5 });
        Assert.Equal(50, report.ErrorCount);
        Assert.Equal(5, report.Errors.Count());
        Assert.True(report.IsTruncated);
        Assert.Equal(50, report.Codes.Single(c => c.Code == DatasetDiagnosticCodes.InvalidJson).Count);
        Assert.Equal(11, report.FirstError!.Line);
    }

    [Fact]
    public async Task Validate_reader_problems_flow_into_report()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }
            .Concat(Encoding.UTF8.GetBytes(Lines(ChatLine, 10).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"))
            .Concat(new byte[] { (byte)'{', 0xFF, (byte)'}', (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("{\"messages\":[{\"ro"))
            .ToArray();
        using var stream = new MemoryStream(bytes);
        var report = await DatasetValidator.ValidateAsync(stream);
        Assert.Contains(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.ByteOrderMark);
        Assert.Contains(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.CrlfLineEndings && d.Line == 1);
        Assert.Contains(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.BlankLine && d.Line == 11);
        Assert.Contains(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.InvalidUtf8 && d.Line == 12);
        Assert.Contains(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.TruncatedLastLine && d.Line == 13);
        Assert.Equal(12, report.ExampleCount);
    }

    [Fact]
    public async Task Validate_forced_format_validates_every_line_as_that_format()
    {
        var report = await ValidateAsync(Lines(CompletionLine, 10), new DatasetValidationOptions { Format = DatasetFormat.Chat });
        Assert.Equal(DatasetFormat.Chat, report.Format);
        Assert.Equal(10, report.Diagnostics.Count(d => d.Code == DatasetDiagnosticCodes.MissingMessages));
        Assert.Equal(20, report.Diagnostics.Count(d => d.Code == DatasetDiagnosticCodes.UnknownKey));
    }

    [Fact]
    public async Task Profile_azure_allows_more_images_and_expects_bom()
    {
        var image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://e.com/x.png\"}}";
        var twelve = "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":[" + string.Join(",", Enumerable.Repeat(image, 12)) + "]},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var text = FileWith(DatasetFormat.Chat, twelve);
        var openai = await ValidateAsync(text);
        var azure = await ValidateAsync(text, new DatasetValidationOptions { Profile = ValidationProfile.Azure });
        Assert.Contains(openai.Diagnostics, d => d.Code == DatasetDiagnosticCodes.TooManyImages);
        Assert.DoesNotContain(azure.Diagnostics, d => d.Code == DatasetDiagnosticCodes.TooManyImages);
        Assert.Contains(azure.Diagnostics, d => d.Code == DatasetDiagnosticCodes.MissingByteOrderMark && d.Severity == DiagnosticSeverity.Info);
    }

    [Fact]
    public async Task Profile_azure_rft_final_message_is_error_and_dpo_allows_tool_output()
    {
        var rft = "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}],\"reference_answer\":\"x\"}";
        var openai = await ValidateAsync(FileWith(DatasetFormat.Reinforcement, rft));
        var azure = await ValidateAsync(FileWith(DatasetFormat.Reinforcement, rft), new DatasetValidationOptions { Profile = ValidationProfile.Azure });
        Assert.Equal(DiagnosticSeverity.Warning, openai.Diagnostics.Single(d => d.Code == DatasetDiagnosticCodes.FinalMessageNotUser).Severity);
        Assert.Equal(DiagnosticSeverity.Error, azure.Diagnostics.Single(d => d.Code == DatasetDiagnosticCodes.FinalMessageNotUser).Severity);

        var dpo = "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]},\"preferred_output\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"g\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}";
        Assert.True((await ValidateAsync(FileWith(DatasetFormat.Preference, dpo), new DatasetValidationOptions { Profile = ValidationProfile.Azure })).IsValid);
        Assert.False((await ValidateAsync(FileWith(DatasetFormat.Preference, dpo))).IsValid);
    }

    [Fact]
    public async Task Profile_together_requires_alternating_roles()
    {
        var line = "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"user\",\"content\":\"q2\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var together = await ValidateAsync(FileWith(DatasetFormat.Chat, line), new DatasetValidationOptions { Profile = ValidationProfile.Together });
        var diagnostic = Assert.Single(together.Diagnostics, d => d.Code == DatasetDiagnosticCodes.RolesNotAlternating);
        Assert.Equal("$.messages[2].role", diagnostic.Path);
        Assert.True((await ValidateAsync(FileWith(DatasetFormat.Chat, line))).IsValid);
    }

    [Fact]
    public async Task Validate_too_large_inline_image_is_error()
    {
        var payload = Convert.ToBase64String(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 }.Concat(new byte[2048]).ToArray());
        var line = "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + payload + "\"}}]},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var small = ValidationProfile.OpenAI with { MaxImageBytes = 1024 };
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, line), new DatasetValidationOptions { Profile = small });
        Assert.True(report.Diagnostics.Any(d => d.Code == DatasetDiagnosticCodes.ImageTooLarge), string.Join(" | ", report.Diagnostics));
        Assert.Equal(3, report.Diagnostics.First(d => d.Code == DatasetDiagnosticCodes.ImageTooLarge).Line);
        Assert.True((await ValidateAsync(FileWith(DatasetFormat.Chat, line))).IsValid);
    }

    [Fact]
    public async Task Observers_see_every_parsed_example_and_add_sections()
    {
        var observer = new CountingObserver();
        var options = new DatasetValidationOptions();
        options.Observers.Add(observer);
        var report = await ValidateAsync(Lines(ChatLine, 12) + "not json\n", options);
        Assert.Equal(12, observer.Lines.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), observer.Lines);
        Assert.True(observer.Completed);
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(12, json.RootElement.GetProperty("observed").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Report_json_has_the_documented_shape()
    {
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, "oops"));
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal("chat", root.GetProperty("format").GetString());
        Assert.Equal(12, root.GetProperty("examples").GetInt64());
        Assert.False(root.GetProperty("valid").GetBoolean());
        var error = root.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal(DatasetDiagnosticCodes.InvalidJson, error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("suggestion").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Diagnostic_codes_are_unique_and_documented()
    {
        var codes = typeof(DatasetDiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        Assert.All(codes, code => Assert.Contains("## " + code, docs, StringComparison.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed class CountingObserver : IDatasetExampleObserver
    {
        public List<long> Lines { get; } = [];

        public bool Completed { get; private set; }

        public void Observe(long lineNumber, DatasetExample example)
        {
            Assert.IsType<ChatExample>(example);
            Lines.Add(lineNumber);
        }

        public void OnCompleted(DatasetValidationReport report)
        {
            Completed = true;
            report.Sections["observed"] = new CountSection(Lines.Count);
        }
    }

    private sealed class CountSection(int count) : IDatasetReportSection
    {
        public JsonElement ToJson()
        {
            using var doc = JsonDocument.Parse($"{{\"count\":{count}}}");
            return doc.RootElement.Clone();
        }
    }
}
