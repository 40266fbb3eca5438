using System.Text;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class JsonlReaderTests
{
    internal static async Task<List<JsonlRecord>> ReadAllAsync(byte[] bytes, JsonlReaderOptions? options = null)
    {
        var list = new List<JsonlRecord>();
        using var stream = new MemoryStream(bytes);
        await foreach (var record in JsonlReader.ReadAsync(stream, options))
        {
            list.Add(record);
        }

        return list;
    }

    internal static Task<List<JsonlRecord>> ReadAllAsync(string text, JsonlReaderOptions? options = null) => ReadAllAsync(Encoding.UTF8.GetBytes(text), options);

    [Fact]
    public async Task Read_async_valid_lines_yields_values_with_one_based_line_numbers()
    {
        var records = await ReadAllAsync("{\"a\":1}\n{\"a\":2}\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(1, records[0].LineNumber);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Equal(2, records[1].Value.GetProperty("a").GetInt32());
        Assert.All(records, r => Assert.Empty(r.Diagnostics));
        Assert.Equal(8, records[1].ByteOffset);
    }

    [Fact]
    public async Task Read_async_bom_is_stripped_and_warned()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}\n")).ToArray();
        var records = await ReadAllAsync(bytes);
        var record = Assert.Single(records);
        Assert.True(record.IsObject);
        Assert.Contains(record.Diagnostics, d => d.Code == DatasetDiagnosticCodes.ByteOrderMark && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task Read_async_expect_bom_but_missing_reports_info()
    {
        var records = await ReadAllAsync("{\"a\":1}\n", new JsonlReaderOptions { ExpectByteOrderMark = true });
        Assert.Contains(records[0].Diagnostics, d => d.Code == DatasetDiagnosticCodes.MissingByteOrderMark && d.Severity == DiagnosticSeverity.Info);
    }

    [Fact]
    public async Task Read_async_crlf_tolerated_and_reported_once()
    {
        var records = await ReadAllAsync("{\"a\":1}\r\n{\"a\":2}\r\n");
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.True(r.IsObject));
        Assert.Single(records.SelectMany(r => r.Diagnostics), d => d.Code == DatasetDiagnosticCodes.CrlfLineEndings);
        Assert.Equal(1, records[0].Diagnostics.Single().Line);
    }

    [Fact]
    public async Task Read_async_blank_line_yields_blank_record_with_warning()
    {
        var records = await ReadAllAsync("{\"a\":1}\n   \n{\"a\":2}\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(JsonlRecordKind.Blank, records[1].Kind);
        Assert.Equal(DatasetDiagnosticCodes.BlankLine, records[1].Diagnostics.Single().Code);
        Assert.Equal(2, records[1].Diagnostics.Single().Line);
        Assert.Equal(3, records[2].LineNumber);
    }

    [Fact]
    public async Task Read_async_last_line_without_newline_is_read_with_warning()
    {
        var records = await ReadAllAsync("{\"a\":1}\n{\"a\":2}");
        Assert.Equal(2, records.Count);
        Assert.True(records[1].IsObject);
        Assert.Equal(DatasetDiagnosticCodes.MissingFinalNewline, records[1].Diagnostics.Single().Code);
    }

    [Fact]
    public async Task Read_async_invalid_utf_8_reports_line_and_byte_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":\"xy").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var records = await ReadAllAsync(bytes);
        var diagnostic = records[1].Diagnostics.Single();
        Assert.Equal(DatasetDiagnosticCodes.InvalidUtf8, diagnostic.Code);
        Assert.Equal(2, diagnostic.Line);
        Assert.Contains("byte offset 8", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(JsonlRecordKind.Invalid, records[1].Kind);
    }

    [Fact]
    public async Task Read_async_invalid_json_reports_line_and_column()
    {
        var records = await ReadAllAsync("{\"a\":1}\n{\"é\": tru}\n{\"a\":3}\n");
        Assert.Equal(3, records.Count);
        var diagnostic = records[1].Diagnostics.Single();
        Assert.Equal(DatasetDiagnosticCodes.InvalidJson, diagnostic.Code);
        Assert.Equal(2, diagnostic.Line);
        Assert.Contains("column 10", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(records[2].IsObject);
    }

    [Fact]
    public async Task Read_async_truncated_last_line_is_an_error()
    {
        var records = await ReadAllAsync("{\"a\":1}\n{\"messages\":[{\"role\":\"us");
        Assert.Equal(DatasetDiagnosticCodes.TruncatedLastLine, records[1].Diagnostics.Single().Code);
        Assert.Equal(DiagnosticSeverity.Error, records[1].Diagnostics.Single().Severity);
    }

    [Fact]
    public async Task Read_async_not_an_object_is_an_error()
    {
        var records = await ReadAllAsync("[1,2]\n\"text\"\n");
        Assert.All(records, r => Assert.Equal(DatasetDiagnosticCodes.NotAnObject, r.Diagnostics.Single().Code));
        Assert.All(records, r => Assert.False(r.IsObject));
    }

    [Fact]
    public async Task Read_async_lines_longer_than_buffer_are_read_whole()
    {
        var big = new string('x', 300_000);
        var records = await ReadAllAsync($"{{\"a\":\"{big}\"}}\n{{\"b\":1}}\n", new JsonlReaderOptions { BufferSize = 1024 });
        Assert.Equal(2, records.Count);
        Assert.Equal(big.Length, records[0].Value.GetProperty("a").GetString()!.Length);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public async Task Read_async_line_over_limit_is_reported_and_skipped()
    {
        var big = new string('x', 5000);
        var records = await ReadAllAsync($"{{\"a\":\"{big}\"}}\n{{\"b\":1}}\n", new JsonlReaderOptions { BufferSize = 256, MaxLineBytes = 1000 });
        Assert.Equal(2, records.Count);
        Assert.Equal(DatasetDiagnosticCodes.LineTooLong, records[0].Diagnostics.Single().Code);
        Assert.True(records[1].IsObject);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public async Task Read_async_empty_stream_yields_nothing()
    {
        Assert.Empty(await ReadAllAsync(string.Empty));
    }

    [Fact]
    public async Task Read_async_path_reads_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ftk-reader-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "{\"a\":1}\n");
        try
        {
            var count = 0;
            await foreach (var record in JsonlReader.ReadAsync(path))
            {
                count++;
                Assert.True(record.IsObject);
            }

            Assert.Equal(1, count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class JsonlReaderBadLineTests
{
    [Fact]
    public async Task A_lone_surrogate_escape_is_a_per_line_error_with_its_path_and_reading_goes_on()
    {
        var records = await JsonlReaderTests.ReadAllAsync(BadLines.Chat());
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.LineNumber));
        Assert.Equal([JsonlRecordKind.Value, JsonlRecordKind.Invalid, JsonlRecordKind.Invalid, JsonlRecordKind.Blank, JsonlRecordKind.Value], records.Select(r => r.Kind));

        var surrogate = Assert.Single(records[1].Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DatasetDiagnosticCodes.LoneSurrogate, surrogate.Code);
        Assert.Equal(BadLines.SurrogatePath, surrogate.Path);
        Assert.Equal(2, surrogate.Line);
        Assert.Contains("lone UTF-16 surrogate", surrogate.Message, StringComparison.Ordinal);
        Assert.False(records[1].HasValue);

        Assert.Contains(records[2].Diagnostics, d => d.Code == DatasetDiagnosticCodes.InvalidUtf8);
        Assert.Contains(records[0].Diagnostics, d => d.Code == DatasetDiagnosticCodes.ByteOrderMark);
        Assert.Contains(records[0].Diagnostics, d => d.Code == DatasetDiagnosticCodes.CrlfLineEndings);
        Assert.Equal("second question", records[4].Value.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", "$.a")]
    [InlineData("{\"a\":[1,{\"b\":\"x\"},{\"c\":\"\\uDFFF\"}]}", "$.a[2].c")]
    [InlineData("{\"a\":\"\\ude00\\ud83d\"}", "$.a")]
    [InlineData("{\"k\\ud800\":1}", "$ (a property name)")]
    public async Task Lone_surrogates_are_found_anywhere(string line, string path)
    {
        var record = Assert.Single(await JsonlReaderTests.ReadAllAsync(line + "\n"));
        Assert.Equal(JsonlRecordKind.Invalid, record.Kind);
        Assert.Equal(path, Assert.Single(record.Diagnostics).Path);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"a\":\"\\\\ud800\"}")]
    [InlineData("{\"a\":\"\\u00e9\\uD7FF\\uE000\"}")]
    public async Task Paired_surrogates_and_escaped_backslashes_are_fine(string line)
    {
        var record = Assert.Single(await JsonlReaderTests.ReadAllAsync(line + "\n"));
        Assert.Equal(JsonlRecordKind.Value, record.Kind);
        Assert.Empty(record.Diagnostics);
        Assert.NotNull(record.Value.GetProperty("a").GetString());
    }

    [Fact]
    public async Task DatasetReader_entries_report_bad_lines_and_typed_reads_stop_with_a_parse_exception()
    {
        using var stream = new MemoryStream(BadLines.Chat());
        var entries = new List<DatasetEntry>();
        await foreach (var entry in DatasetReader.ReadEntriesAsync(stream))
        {
            entries.Add(entry);
        }

        Assert.Equal(5, entries.Count);
        Assert.IsType<ChatExample>(entries[0].Example);
        Assert.Null(entries[1].Example);
        Assert.Contains(entries[1].Diagnostics, d => d.Code == DatasetDiagnosticCodes.LoneSurrogate && d.Path == BadLines.SurrogatePath);
        Assert.IsType<ChatExample>(entries[4].Example);

        using var again = new MemoryStream(BadLines.Chat());
        var ex = await Assert.ThrowsAsync<DatasetParseException>(async () =>
        {
            await foreach (var _ in DatasetReader.ReadAsync<ChatExample>(again))
            {
            }
        });
        Assert.Equal(2, ex.Line);
        Assert.Equal(BadLines.SurrogatePath, ex.Path);
    }
}

public sealed class InMemoryReaderTests
{
    [Fact]
    public async Task Read_in_memory_matches_the_stream_reader_line_for_line()
    {
        var bytes = BadLines.Chat().Concat(Encoding.UTF8.GetBytes("{\"a\":1}")).ToArray();
        var streamed = await JsonlReaderTests.ReadAllAsync(bytes);
        var inMemory = JsonlReader.Read(bytes).ToList();
        Assert.Equal(
            streamed.Select(r => (r.LineNumber, r.ByteOffset, r.Kind, string.Join(",", r.Diagnostics.Select(d => d.Code + d.Path)))),
            inMemory.Select(r => (r.LineNumber, r.ByteOffset, r.Kind, string.Join(",", r.Diagnostics.Select(d => d.Code + d.Path)))));
    }

    [Fact]
    public void ReadEntries_gives_typed_examples_with_line_numbers_and_per_line_errors()
    {
        var entries = DatasetReader.ReadEntries(BadLines.Chat(), DatasetFormat.Chat).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.LineNumber));
        Assert.Equal("answer one", ((ChatExample)entries[0].Example!).Messages[1].Text);
        Assert.Contains(entries[1].Diagnostics, d => d.Code == DatasetDiagnosticCodes.LoneSurrogate && d.Path == BadLines.SurrogatePath);
        Assert.Contains(entries[2].Diagnostics, d => d.Code == DatasetDiagnosticCodes.InvalidUtf8);
        Assert.Equal(JsonlRecordKind.Blank, entries[3].Record.Kind);
        Assert.Equal("second question", ((ChatExample)entries[4].Example!).Messages[0].Text);
    }
}
