using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Conversion;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

/// <summary>Converters and de-duplication survive every bad line (lone surrogate, invalid UTF-8, BOM, CRLF, empty line) and report it with its line.</summary>
public sealed class BadLineDataprepTests
{
    [Fact]
    public async Task Chat_to_eval_set_reports_bad_lines_and_converts_the_rest()
    {
        using var temp = new TempFolder();
        var input = BadLines.WriteChat(temp.PathName);
        var output = temp.File("eval.jsonl");

        var report = await DatasetConverter.ChatToEvalSetAsync(input, output);

        Assert.Equal(2, report.Written);
        Assert.Equal([(2L, DatasetDiagnosticCodes.LoneSurrogate), (3L, DatasetDiagnosticCodes.InvalidUtf8)], report.Errors.Select(e => (e.Line, e.Code)));
        Assert.Equal(BadLines.SurrogatePath, report.Errors[0].Path);
        var items = TempFolder.ReadJsonl(output);
        Assert.Equal(["answer one", "answer two"], items.Select(i => i.GetProperty("reference").GetString()));
        Assert.Equal([1L, 5L], items.Select(i => i.GetProperty("metadata").GetProperty("source_line").GetInt64()));
    }

    [Fact]
    public async Task Legacy_to_chat_reports_a_lone_surrogate_instead_of_throwing()
    {
        using var temp = new TempFolder();
        var input = temp.Write("legacy.jsonl", "\uFEFF{\"prompt\":\"a ->\",\"completion\":\" x\"}\r\n{\"prompt\":\"b \\ud800 ->\",\"completion\":\" y\"}\r\n\r\n{\"prompt\":\"c ->\",\"completion\":\" z\"}\r\n");
        var report = await DatasetConverter.LegacyToChatAsync(input, temp.File("chat.jsonl"));
        Assert.Equal(2, report.Written);
        var error = Assert.Single(report.Errors);
        Assert.Equal((2L, DatasetDiagnosticCodes.LoneSurrogate, "$.prompt"), (error.Line, error.Code, error.Path));
    }

    [Fact]
    public async Task Dedupe_reports_bad_lines_keeps_good_ones_and_never_throws()
    {
        using var temp = new TempFolder();
        var bytes = new List<byte>(BadLines.Chat());
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"FIRST  question\"},{\"role\":\"assistant\",\"content\":\"answer one\"}]}\r\n"));
        var input = temp.File("dupes.jsonl");
        await File.WriteAllBytesAsync(input, [.. bytes]);
        var output = temp.File("out.jsonl");

        var report = await DatasetDeduplicator.DeduplicateAsync(input, output);

        Assert.Equal([2L, 3L], report.Errors.Select(e => e.Line));
        Assert.Contains(report.Errors, e => e.Code == DatasetDiagnosticCodes.LoneSurrogate && e.Path == BadLines.SurrogatePath);
        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal((6L, 1L, DuplicateKind.Exact), (duplicate.Line, duplicate.DuplicateOfLine, duplicate.Kind));
        Assert.Equal(2, report.Kept);
        Assert.Equal(2, TempFolder.ReadJsonl(output).Count);
    }

    [Fact]
    public async Task Leakage_detection_skips_bad_lines_with_errors()
    {
        using var temp = new TempFolder();
        var reference = BadLines.WriteChat(temp.PathName, "train.jsonl");
        var checkedFile = temp.WriteLines("valid.jsonl", [TempFolder.ChatLine("second question", "something else")]);

        var report = await LeakageDetector.DetectAsync(reference, checkedFile);

        Assert.Single(report.Pairs);
        Assert.Equal([2L, 3L], report.ReferenceErrors.Select(e => e.Line));
        Assert.Empty(report.Errors);
    }
}
