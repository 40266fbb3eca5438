using System.Text;
using FineTuning.Toolkit.IO;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WriteAllText_replaces_the_target_and_leaves_no_temp_file()
    {
        var path = Path.Combine(_dir, "sub", "a.json");
        await AtomicFile.WriteAllTextAsync(path, "one");
        await AtomicFile.WriteAllTextAsync(path, "two");
        Assert.Equal("two", await File.ReadAllTextAsync(path));
        Assert.Equal(["a.json"], Directory.GetFiles(Path.Combine(_dir, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failing_write_keeps_the_old_target_and_deletes_the_temp_file()
    {
        var path = Path.Combine(_dir, "keep.txt");
        await File.WriteAllTextAsync(path, "original");
        string? temp = null;
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            temp = ((FileStream)stream).Name;
            await stream.WriteAsync(Encoding.UTF8.GetBytes("half"), ct);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", ex.Message);
        Assert.Equal("original", await File.ReadAllTextAsync(path));
        Assert.NotNull(temp);
        Assert.Matches(@"^\.keep\.txt\.[0-9a-f]+\.ftk-tmp$", Path.GetFileName(temp));
        Assert.False(File.Exists(temp));
        Assert.Equal(["keep.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_cancelled_write_keeps_the_old_target_and_deletes_the_temp_file()
    {
        var path = Path.Combine(_dir, "lines.jsonl");
        await File.WriteAllTextAsync(path, "old\n");
        using var cts = new CancellationTokenSource();

        async IAsyncEnumerable<string> Lines()
        {
            yield return "{\"a\":1}";
            await cts.CancelAsync();
            yield return "{\"a\":2}";
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteLinesAsync(path, Lines(), cts.Token));
        Assert.Equal("old\n", await File.ReadAllTextAsync(path));
        Assert.Equal(["lines.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Cancellation_before_the_rename_keeps_the_old_target()
    {
        var path = Path.Combine(_dir, "late.txt");
        await File.WriteAllTextAsync(path, "old");
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (stream, _) =>
        {
            await stream.WriteAsync("new"u8.ToArray());
            await cts.CancelAsync();
        }, cts.Token));
        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task WriteLines_streams_each_line_with_LF()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        await AtomicFile.WriteLinesAsync(path, new[] { "a", "b" }.ToAsyncEnumerable());
        Assert.Equal("a\nb\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void A_pending_file_without_commit_is_deleted_and_overwrite_false_refuses_an_existing_target()
    {
        var path = Path.Combine(_dir, "p.bin");
        File.WriteAllText(path, "x");
        using (var pending = AtomicFile.Begin(path, overwrite: false))
        {
            pending.Stream.Write([1, 2, 3]);
            Assert.Throws<IOException>(pending.Commit);
        }

        Assert.Equal("x", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Stale_temp_files_of_the_scheme_are_deleted_and_others_are_kept()
    {
        var stale = Path.Combine(_dir, ".a.json.0123456789ab.ftk-tmp");
        var fresh = Path.Combine(_dir, ".b.json.0123456789ab.ftk-tmp");
        var foreign = Path.Combine(_dir, "notes.tmp");
        var visible = Path.Combine(_dir, "x.ftk-tmp");
        foreach (var file in new[] { stale, fresh, foreign, visible })
        {
            File.WriteAllText(file, "x");
        }

        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(stale, now.UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(fresh, now.UtcDateTime.AddMinutes(-10));
        File.SetLastWriteTimeUtc(foreign, now.UtcDateTime.AddDays(-2));
        File.SetLastWriteTimeUtc(visible, now.UtcDateTime.AddDays(-2));

        var deleted = AtomicFile.DeleteStaleTempFiles(_dir, timeProvider: new FakeTimeProvider(now));

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(foreign));
        Assert.True(File.Exists(visible));
    }

    [Fact]
    public async Task A_write_sweeps_stale_temp_files_left_by_a_killed_run()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "sweep")).FullName;
        var leftover = Path.Combine(folder, ".state.json.deadbeef0000.ftk-tmp");
        File.WriteAllText(leftover, "half");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-3));

        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "state.json"), "{}");

        Assert.False(File.Exists(leftover));
        Assert.Equal(["state.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
