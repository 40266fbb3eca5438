using FineTuning.Toolkit.Datasets.Conversion;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

public sealed class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string csv, char delimiter = ',')
    {
        var list = new List<CsvRecord>();
        await foreach (var record in CsvRecordReader.ReadAsync(new StringReader(csv), delimiter, CancellationToken.None))
        {
            list.Add(record);
        }

        return list;
    }

    [Fact]
    public async Task Quoted_fields_hold_delimiters_doubled_quotes_and_newlines()
    {
        var records = await ReadAsync("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\nlast,,\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields!);
        Assert.Equal(["x, y", "say \"hi\"", "line1\nline2"], records[1].Fields!);
        Assert.Equal(["last", "", ""], records[2].Fields!);
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Delimiter_option_and_missing_final_newline()
    {
        var records = await ReadAsync("q;a\n\"1;2\";3", ';');
        Assert.Equal(["1;2", "3"], records[1].Fields!);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_reported_with_its_line_and_reading_resumes()
    {
        var records = await ReadAsync("h1,h2\n\"ok\",1\n\"bad\"x,2\nfine,3\n");
        Assert.Equal(4, records.Count);
        Assert.Null(records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("closing quote", records[2].Error, StringComparison.Ordinal);
        Assert.Equal(["fine", "3"], records[3].Fields!);
        Assert.Equal(4, records[3].Line);
    }

    [Fact]
    public async Task Unterminated_quote_names_the_line_where_it_opened()
    {
        var records = await ReadAsync("h\nok\n\"never closed\nmore\n");
        var bad = records[^1];
        Assert.Equal(3, bad.Line);
        Assert.Contains("unterminated", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_bare_quotes_inside_unquoted_fields_are_literal()
    {
        var records = await ReadAsync("a\n\n5\" screen\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("5\" screen", records[1].Fields![0]);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public async Task Large_input_streams_across_buffer_boundaries()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"\"row {i}, with comma\",\"multi\nline {i}\"\n"));
        var records = await ReadAsync(text);
        Assert.Equal(20_000, records.Count);
        Assert.Equal("multi\nline 19999", records[^1].Fields![1]);
        Assert.Equal(39_999, records[^1].Line);
    }
}
