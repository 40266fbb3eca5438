using System.Buffers;
using System.Text.Json;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Writes JSONL one line at a time. <see cref="Create(string, JsonlWriterOptions?)"/> writes atomically: lines go to a temporary
/// file in the destination's folder, and <see cref="CommitAsync"/> flushes it to disk and renames it over the destination, so a
/// crash or an exception never leaves a half-written file. Disposing without committing deletes the temporary file.
/// </summary>
/// <remarks>Not thread-safe. Lines are compact UTF-8 JSON ending with <c>\n</c>; non-ASCII text is kept readable.</remarks>
public sealed class JsonlWriter : IAsyncDisposable, IDisposable
{
    private static readonly byte[] Newline = [(byte)'\n'];
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly PendingFile? _pending;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private bool _committed;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="JsonlWriter"/> class over a stream (not atomic; <see cref="CommitAsync"/> only flushes).</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="stream"/> open on dispose.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public JsonlWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, ExampleJson.WriterOptions);
    }

    private JsonlWriter(PendingFile pending)
        : this(pending.Stream, leaveOpen: true)
    {
        _pending = pending;
    }

    /// <summary>Gets the number of lines written so far.</summary>
    public long LineCount { get; private set; }

    /// <summary>Gets the number of bytes written so far (including newlines and a byte-order mark).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Gets the destination path of an atomic writer, or <see langword="null"/> for a stream writer.</summary>
    public string? Path => _pending?.TargetPath;

    /// <summary>Starts an atomic write to <paramref name="path"/>: nothing appears there until <see cref="CommitAsync"/> succeeds.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The writer; dispose it (committing first to keep the file).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The destination exists and <see cref="JsonlWriterOptions.Overwrite"/> is false, or the folder is not writable.</exception>
    public static JsonlWriter Create(string path, JsonlWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= JsonlWriterOptions.Default;
        var full = System.IO.Path.GetFullPath(path);
        if (!options.Overwrite && File.Exists(full))
        {
            throw new IOException($"'{path}' already exists.");
        }

        var pending = AtomicFile.Begin(full, options.Overwrite);
        var stream = pending.Stream;
        var writer = new JsonlWriter(pending);
        if (options.WriteByteOrderMark)
        {
            stream.Write([0xEF, 0xBB, 0xBF]);
            writer.BytesWritten = 3;
        }

        return writer;
    }

    /// <summary>Writes one example as a line.</summary>
    /// <param name="example">The example.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the line is buffered.</returns>
    public ValueTask WriteAsync(DatasetExample example, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(example);
        return WriteJsonAsync(example.WriteTo, cancellationToken);
    }

    /// <summary>Writes one JSON value as a line (re-serialized compactly).</summary>
    /// <param name="element">The value.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the line is buffered.</returns>
    public ValueTask WriteAsync(JsonElement element, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(element.WriteTo, cancellationToken);

    /// <summary>Writes the raw bytes of a record read by <see cref="JsonlReader"/> unchanged (byte-exact copy of the line).</summary>
    /// <param name="record">The record; blank and unreadable records are rejected.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the line is buffered.</returns>
    /// <exception cref="ArgumentException">The record holds no value.</exception>
    public ValueTask WriteAsync(JsonlRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Kind != JsonlRecordKind.Value)
        {
            throw new ArgumentException($"Line {record.LineNumber} holds no JSON value ({record.Kind}) and cannot be written.", nameof(record));
        }

        return WriteRawAsync(record.Utf8, cancellationToken);
    }

    /// <summary>Writes one line of already-serialized UTF-8 JSON (without its newline).</summary>
    /// <param name="utf8Json">The JSON bytes; must not contain a newline.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the line is buffered.</returns>
    /// <exception cref="ArgumentException">The bytes contain a newline.</exception>
    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (utf8Json.Span.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            throw new ArgumentException("A JSONL line must not contain a raw newline.", nameof(utf8Json));
        }

        await _stream.WriteAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
        LineCount++;
        BytesWritten += utf8Json.Length + 1;
    }

    private async ValueTask WriteJsonAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        write(_json);
        _json.Flush();
        _buffer.Write(Newline);
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        LineCount++;
        BytesWritten += _buffer.WrittenCount;
    }

    /// <summary>Flushes everything; for an atomic writer, also forces the data to disk and renames the temporary file over the destination.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pending is null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _committed = true;
            return;
        }

        await _pending.CommitAsync(cancellationToken).ConfigureAwait(false);
        _committed = true;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _json.DisposeAsync().ConfigureAwait(false);
        if (_pending is not null)
        {
            await _pending.DisposeAsync().ConfigureAwait(false);
        }
        else if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        else if (!_committed)
        {
            await _stream.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.Dispose();
        if (_pending is not null)
        {
            _pending.Dispose();
        }
        else if (!_leaveOpen)
        {
            _stream.Dispose();
        }
        else if (!_committed)
        {
            _stream.Flush();
        }
    }
}
