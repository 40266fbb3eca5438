using System.Text;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class JsonlWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Dataset_writer_writes_atomically_and_reads_back()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        var examples = Enumerable.Range(0, 3).Select(i => (DatasetExample)new ChatExampleBuilder().User($"q{i}").Assistant($"a{i}").Build()).ToList();
        var count = await DatasetWriter.WriteAsync(path, examples);
        Assert.Equal(3, count);
        Assert.Equal(["out.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var back = new List<ChatExample>();
        await foreach (var example in DatasetReader.ReadAsync<ChatExample>(path))
        {
            back.Add(example);
        }

        Assert.Equal(examples.Select(e => e.ToJson()), back.Select(e => e.ToJson()));
        Assert.EndsWith("\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_without_commit_leaves_destination_untouched_and_no_temp_file()
    {
        var path = Path.Combine(_dir, "keep.jsonl");
        await File.WriteAllTextAsync(path, "original\n");
        await using (var writer = JsonlWriter.Create(path))
        {
            await writer.WriteAsync(new CompletionExample("p", "c"));
        }

        Assert.Equal("original\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Dataset_writer_exception_midway_keeps_original_file()
    {
        var path = Path.Combine(_dir, "keep.jsonl");
        await File.WriteAllTextAsync(path, "original\n");
        static async IAsyncEnumerable<DatasetExample> Failing()
        {
            yield return new CompletionExample("p", "c");
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => DatasetWriter.WriteAsync(path, Failing()));
        Assert.Equal("original\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Write_record_copies_bytes_exactly_and_bom_option()
    {
        var source = "{\"b\":1,  \"a\":\"é\"}\n";
        var path = Path.Combine(_dir, "copy.jsonl");
        await using (var writer = JsonlWriter.Create(path, new JsonlWriterOptions { WriteByteOrderMark = true }))
        {
            foreach (var record in await JsonlReaderTests.ReadAllAsync(source))
            {
                await writer.WriteAsync(record);
            }

            await writer.CommitAsync();
        }

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(source)), bytes);
    }

    [Fact]
    public async Task Write_raw_rejects_newlines()
    {
        await using var writer = new JsonlWriter(new MemoryStream());
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteRawAsync("{\"a\":\n1}"u8.ToArray()));
    }

    [Fact]
    public async Task Dataset_reader_bad_line_throws_with_line_and_path()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"prompt\":\"p\",\"completion\":\"c\"}\n{\"prompt\":1,\"completion\":\"c\"}\n");
        var ex = await Assert.ThrowsAsync<DatasetParseException>(async () =>
        {
            await foreach (var example in DatasetReader.ReadAsync<CompletionExample>(path))
            {
                Assert.Equal("p", example.Prompt);
            }
        });
        Assert.Equal(2, ex.Line);
        Assert.Equal("$.prompt", ex.Path);
    }

    [Fact]
    public async Task Dataset_reader_entries_never_throw_on_bad_lines()
    {
        var path = Path.Combine(_dir, "mixed.jsonl");
        await File.WriteAllTextAsync(path, "{\"prompt\":\"p\",\"completion\":\"c\"}\nnot json\n\n{\"prompt\":\"p2\",\"completion\":\"c2\"}");
        var entries = new List<DatasetEntry>();
        await foreach (var entry in DatasetReader.ReadEntriesAsync(path))
        {
            entries.Add(entry);
        }

        Assert.Equal(4, entries.Count);
        Assert.NotNull(entries[0].Example);
        Assert.Null(entries[1].Example);
        Assert.Equal(DatasetDiagnosticCodes.InvalidJson, entries[1].Diagnostics.Single().Code);
        Assert.Equal("c2", Assert.IsType<CompletionExample>(entries[3].Example).Completion);
    }
}
