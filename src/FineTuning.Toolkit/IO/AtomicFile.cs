using System.Collections.Concurrent;
using System.Text;

namespace FineTuning.Toolkit.IO;

/// <summary>
/// The one way the toolkit writes a file: the content goes to a hidden temporary file in the target's folder
/// (<c>.{name}.{random}.ftk-tmp</c>), is flushed to disk (fsync), then renamed over the target. A crash, an exception or a
/// cancellation never leaves a half-written target: the previous file stays, and the temporary file is deleted. Temporary
/// files of this scheme older than <see cref="StaleAfter"/> (left by a killed process) are deleted by the next write to the
/// same folder.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of every temporary file the writer creates.</summary>
    public const string TempSuffix = ".ftk-tmp";

    /// <summary>How old a temporary file of this scheme must be before a later write deletes it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly ConcurrentDictionary<string, long> LastSweep = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(path, async (stream, ct) =>
        {
            var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync(text.AsMemory(), ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);

    /// <summary>Writes <paramref name="bytes"/> synchronously (for callers that cannot be async).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var pending = Begin(path);
        pending.Stream.Write(bytes);
        pending.Commit();
    }

    /// <summary>Writes each line followed by <c>\n</c> as UTF-8, streaming (the lines are never all in memory).</summary>
    public static Task WriteLinesAsync(string path, IAsyncEnumerable<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return WriteAsync(path, async (stream, ct) =>
        {
            var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
            await using (writer.ConfigureAwait(false))
            {
                await foreach (var line in lines.WithCancellation(ct).ConfigureAwait(false))
                {
                    await writer.WriteAsync(line.AsMemory(), ct).ConfigureAwait(false);
                    await writer.WriteAsync('\n').ConfigureAwait(false);
                }
            }
        }, cancellationToken);
    }

    /// <summary>Writes whatever <paramref name="write"/> puts in the stream it is given (do not dispose that stream).</summary>
    /// <param name="path">The target file; its folder is created when missing.</param>
    /// <param name="write">Writes the content; an exception from it aborts the write and keeps the old target.</param>
    /// <param name="cancellationToken">The cancellation token, passed to <paramref name="write"/> and checked before the rename.</param>
    /// <returns>A task that completes when the target is in place.</returns>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = Begin(path);
        await using (pending.ConfigureAwait(false))
        {
            await write(pending.Stream, cancellationToken).ConfigureAwait(false);
            await pending.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a write whose commit the caller decides: write to <see cref="PendingFile.Stream"/>, then <see cref="PendingFile.Commit"/>; disposing without committing deletes the temporary file.</summary>
    /// <param name="path">The target file; its folder is created when missing.</param>
    /// <param name="overwrite"><see langword="false"/> to fail at commit when the target exists.</param>
    /// <param name="bufferSize">The file stream buffer size.</param>
    /// <returns>The pending file.</returns>
    public static PendingFile Begin(string path, bool overwrite = true, int bufferSize = 64 * 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        SweepIfDue(folder);
        var temp = TempPathFor(full);
        var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = FileOptions.Asynchronous,
        });
        return new PendingFile(stream, temp, full, overwrite);
    }

    /// <summary>The suffix of a resumable download's partial file, kept across runs (unlike <see cref="TempSuffix"/> files, never swept).</summary>
    public const string PartialSuffix = ".ftk-part";

    /// <summary>The stable partial name of a resumable download of <paramref name="path"/>: <c>.{name}.ftk-part</c> in the same folder.</summary>
    /// <param name="path">The target file.</param>
    /// <returns>The full path of the partial file.</returns>
    public static string PartialPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + PartialSuffix);
    }

    /// <summary>Renames a complete partial file (already flushed to disk and closed) over the target: the last step of <see cref="PendingFile.Commit"/>.</summary>
    /// <param name="partialPath">The partial file.</param>
    /// <param name="path">The target file.</param>
    public static void Promote(string partialPath, string path) => File.Move(partialPath, Path.GetFullPath(path), overwrite: true);

    /// <summary>The temporary name for <paramref name="fullPath"/>: <c>.{name}.{random}.ftk-tmp</c> in the same folder.</summary>
    internal static string TempPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..12] + TempSuffix);

    /// <summary>Deletes the temporary files of this scheme in <paramref name="folder"/> last written before <c>now - olderThan</c>.</summary>
    /// <param name="folder">The folder (not searched recursively).</param>
    /// <param name="olderThan">The age, or <see langword="null"/> for <see cref="StaleAfter"/>.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <returns>How many files were deleted.</returns>
    public static int DeleteStaleTempFiles(string folder, TimeSpan? olderThan = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var cutoff = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime - (olderThan ?? StaleAfter);
        var deleted = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + TempSuffix))
            {
                if (!Path.GetFileName(file).StartsWith('.'))
                {
                    continue;
                }

                try
                {
                    if (File.GetLastWriteTimeUtc(file) < cutoff)
                    {
                        File.Delete(file);
                        deleted++;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another process may hold it or have removed it: leave it.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder went away or cannot be listed: nothing to clean.
        }

        return deleted;
    }

    private static void SweepIfDue(string folder)
    {
        var now = Environment.TickCount64;
        var last = LastSweep.GetOrAdd(folder, long.MinValue);
        if (last != long.MinValue && now - last < SweepInterval.TotalMilliseconds)
        {
            return;
        }

        LastSweep[folder] = now;
        DeleteStaleTempFiles(folder);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale temporary file is swept by a later write to the folder.
        }
    }
}
