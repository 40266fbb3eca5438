using System.Security.Cryptography;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Downloads one service file to a local path atomically (a temp file renamed into place, so a cut-short download
/// never leaves a partial file), hashing it on the way. Used by <see cref="FineTuningExporter"/> and the CLI's
/// <c>files download</c> and <c>jobs results</c>.
/// </summary>
internal static class FileDownload
{
    /// <summary>A service file name made safe as a local file name (no folders, no reserved characters such as <c>:</c>).</summary>
    /// <param name="name">The name the service reports.</param>
    /// <returns>The local name.</returns>
    public static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string([.. name.Select(c => invalid.Contains(c) || c == ':' ? '_' : c)]);
        return cleaned is "." or ".." or "" ? "_" : cleaned;
    }

    /// <summary>Downloads <paramref name="fileId"/> to <paramref name="path"/>.</summary>
    /// <param name="files">The file client.</param>
    /// <param name="fileId">The file id.</param>
    /// <param name="path">The destination (replaced only when the whole file arrived).</param>
    /// <param name="expectedBytes">The size the service reports (0 when unknown): a different size keeps the previous copy.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The bytes written and their SHA-256 (lower-case hex).</returns>
    /// <exception cref="IOException">The download was shorter or longer than the service reported.</exception>
    public static async Task<(long Bytes, string Sha256)> ToFileAsync(IFineTuningFileClient files, string fileId, string path, long expectedBytes, CancellationToken cancellationToken)
    {
        string? sha = null;
        long written = 0;
        await AtomicFile.WriteAsync(path, async (stream, _) =>
        {
            using var hash = StableHash.CreateSha256();
            var hashing = new HashingWriteStream(stream, hash);
            await using (hashing.ConfigureAwait(false))
            {
                written = await files.DownloadFileAsync(fileId, hashing, cancellationToken).ConfigureAwait(false);
            }

            if (expectedBytes > 0 && written != expectedBytes)
            {
                throw new IOException($"Downloaded {written} bytes of {fileId}, but the service reports {expectedBytes}; the previous copy (if any) is kept.");
            }

            sha = StableHash.ToHex(hash);
        }, cancellationToken).ConfigureAwait(false);
        return (written, sha!);
    }

    /// <summary>Writes through to a stream while hashing.</summary>
    private sealed class HashingWriteStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            // The inner stream belongs to the caller.
        }
    }
}
