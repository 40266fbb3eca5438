using System.Text;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Tokenization;

public sealed class TokenCounterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-counter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Counts_every_string_value_of_every_line_with_any_parallelism(int degree)
    {
        var encoding = TiktokenEncoding.O200kBase;
        var sb = new StringBuilder();
        long expected = 0;
        long strings = 0;
        // Well-formed, short corpus texts (lone surrogates cannot round-trip through a UTF-8 file).
        var corpus = TokenizerCorpus.Cases.Where(c => c.Text.Length < 300 && IsWellFormed(c.Text)).ToList();
        for (int i = 0; i < 2000; i++)
        {
            var c = corpus[i % corpus.Count];
            var line = System.Text.Json.JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content = c.Text } }, n = i });
            sb.Append(line).Append(i % 7 == 0 ? "\r\n" : "\n");
            expected += c.O200k.Length + encoding.CountTokens("user");
            strings += 2;
        }

        var path = Path.Combine(_dir, "data.jsonl");
        await File.WriteAllTextAsync(path, sb.ToString());

        var result = await TokenCounter.CountFileAsync(path, encoding, degree, CancellationToken.None);
        Assert.Equal(2000, result.Lines);
        Assert.Equal(expected, result.Tokens);
        Assert.Equal(strings, result.Strings);
        Assert.Equal(new FileInfo(path).Length, result.Bytes);
    }

    private static bool IsWellFormed(string s) => System.Text.Unicode.Utf8.FromUtf16(s, new byte[s.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    [Fact]
    public async Task A_last_line_without_newline_and_blank_lines_are_handled()
    {
        var path = Path.Combine(_dir, "tail.jsonl");
        await File.WriteAllTextAsync(path, "{\"a\":\"Hello\"}\n\n   \n{\"b\":\"world\"}");
        var result = await TokenCounter.CountFileAsync(path, TiktokenEncoding.Cl100kBase, 2, CancellationToken.None);
        Assert.Equal(2, result.Lines);
        Assert.Equal(2, result.Tokens);
    }

    [Fact]
    public async Task The_first_malformed_line_is_reported_by_number()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        var lines = Enumerable.Range(0, 50_000).Select(i => i is 31_000 or 45_000 ? "{\"a\": nope}" : "{\"a\":\"some text here\"}");
        await File.WriteAllLinesAsync(path, lines);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TokenCounter.CountFileAsync(path, TiktokenEncoding.O200kBase, 2, CancellationToken.None));
        Assert.Contains("line 31001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_longer_than_the_read_buffer_is_counted()
    {
        var path = Path.Combine(_dir, "long.jsonl");
        var big = string.Concat(Enumerable.Repeat("Hello world, this is a long line. ", 40_000));
        await File.WriteAllTextAsync(path, $"{{\"a\":\"{big}\"}}\n{{\"a\":\"x\"}}\n");
        var result = await TokenCounter.CountFileAsync(path, TiktokenEncoding.O200kBase, 2, CancellationToken.None);
        Assert.Equal(2, result.Lines);
        Assert.Equal(TiktokenEncoding.O200kBase.CountTokens(big) + 1, result.Tokens);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var path = Path.Combine(_dir, "c.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Repeat("{\"a\":\"text\"}", 1000));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TokenCounter.CountFileAsync(path, TiktokenEncoding.O200kBase, 2, cts.Token));
    }
}
