namespace FineTuning.Toolkit.IO;

/// <summary>A write started by <see cref="AtomicFile.Begin"/>: the content goes to <see cref="Stream"/> (a temporary file); <see cref="Commit"/> makes it the target.</summary>
internal sealed class PendingFile : IAsyncDisposable, IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _overwrite;
    private bool _closed;

    internal PendingFile(FileStream stream, string tempPath, string targetPath, bool overwrite)
    {
        _stream = stream;
        TempPath = tempPath;
        TargetPath = targetPath;
        _overwrite = overwrite;
    }

    /// <summary>Gets the stream to write the content to (owned by this object; do not dispose it).</summary>
    public Stream Stream => _stream;

    /// <summary>Gets the full path of the temporary file.</summary>
    public string TempPath { get; }

    /// <summary>Gets the full path of the target file.</summary>
    public string TargetPath { get; }

    /// <summary>Gets a value indicating whether the target has been replaced.</summary>
    public bool Committed { get; private set; }

    /// <summary>Flushes the content to disk (fsync), closes the temporary file and renames it over the target.</summary>
    /// <exception cref="IOException">The rename failed (for example the target exists and overwriting was not allowed); the temporary file is deleted on dispose.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(TempPath, TargetPath, _overwrite);
        Committed = true;
    }

    /// <summary>Flushes asynchronously, then does what <see cref="Commit"/> does; cancellation before the rename keeps the old target.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the target is in place.</returns>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        Commit();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (!Committed)
        {
            AtomicFile.TryDelete(TempPath);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _stream.Dispose();
        if (!Committed)
        {
            AtomicFile.TryDelete(TempPath);
        }
    }
}
