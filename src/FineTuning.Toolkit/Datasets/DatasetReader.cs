using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Reads a JSONL file as typed examples, streaming (one line in memory at a time).</summary>
public static class DatasetReader
{
    /// <summary>Reads the file at <paramref name="path"/> as examples of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T"><see cref="ChatExample"/>, <see cref="PreferenceExample"/>, <see cref="ReinforcementExample"/>,
    /// <see cref="CompletionExample"/>, or <see cref="DatasetExample"/> to detect the format from the first example.</typeparam>
    /// <param name="path">The JSONL file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The examples in file order; blank lines are skipped.</returns>
    /// <exception cref="DatasetParseException">A line cannot be read or has the wrong shape (thrown when that line is reached; carries the line and JSON path).</exception>
    public static IAsyncEnumerable<T> ReadAsync<T>(string path, CancellationToken cancellationToken = default)
        where T : DatasetExample
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadTypedAsync<T>(JsonlReader.ReadAsync(path, null, cancellationToken), cancellationToken);
    }

    /// <summary>Reads <paramref name="stream"/> as examples of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The example type (see <see cref="ReadAsync{T}(string, CancellationToken)"/>).</typeparam>
    /// <param name="stream">The JSONL stream (not disposed).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The examples in file order; blank lines are skipped.</returns>
    /// <exception cref="DatasetParseException">A line cannot be read or has the wrong shape.</exception>
    public static IAsyncEnumerable<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken = default)
        where T : DatasetExample
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadTypedAsync<T>(JsonlReader.ReadAsync(stream, null, cancellationToken), cancellationToken);
    }

    /// <summary>Reads the file without throwing on bad lines: every line yields an entry with its example or its diagnostics.</summary>
    /// <param name="path">The JSONL file.</param>
    /// <param name="format">The format, or <see cref="DatasetFormat.Unknown"/> to detect it from the first example.</param>
    /// <param name="options">The reader options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One entry per line.</returns>
    public static IAsyncEnumerable<DatasetEntry> ReadEntriesAsync(string path, DatasetFormat format = DatasetFormat.Unknown, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadEntriesCoreAsync(JsonlReader.ReadAsync(path, options, cancellationToken), format, cancellationToken);
    }

    /// <summary>Reads the stream without throwing on bad lines: every line yields an entry with its example or its diagnostics.</summary>
    /// <param name="stream">The JSONL stream (not disposed).</param>
    /// <param name="format">The format, or <see cref="DatasetFormat.Unknown"/> to detect it from the first example.</param>
    /// <param name="options">The reader options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One entry per line.</returns>
    public static IAsyncEnumerable<DatasetEntry> ReadEntriesAsync(Stream stream, DatasetFormat format = DatasetFormat.Unknown, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadEntriesCoreAsync(JsonlReader.ReadAsync(stream, options, cancellationToken), format, cancellationToken);
    }

    /// <summary>Reads JSONL already in memory, synchronously and without throwing on bad lines: every line yields an entry with its line number and its typed example or its diagnostics (invalid UTF-8, invalid JSON, a lone surrogate escape, a wrong shape).</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="format">The format, or <see cref="DatasetFormat.Unknown"/> to detect it from the first example.</param>
    /// <param name="options">The reader options, or <see langword="null"/>.</param>
    /// <returns>One entry per line.</returns>
    public static IEnumerable<DatasetEntry> ReadEntries(ReadOnlyMemory<byte> utf8, DatasetFormat format = DatasetFormat.Unknown, JsonlReaderOptions? options = null)
    {
        var typer = new EntryTyper(format);
        foreach (var record in JsonlReader.Read(utf8, options))
        {
            yield return typer.Next(record);
        }
    }

    internal static DatasetFormat FormatOf<T>() =>
        typeof(T) == typeof(ChatExample) ? DatasetFormat.Chat
        : typeof(T) == typeof(PreferenceExample) ? DatasetFormat.Preference
        : typeof(T) == typeof(ReinforcementExample) ? DatasetFormat.Reinforcement
        : typeof(T) == typeof(CompletionExample) ? DatasetFormat.Completion
        : DatasetFormat.Unknown;

    private static async IAsyncEnumerable<T> ReadTypedAsync<T>(IAsyncEnumerable<JsonlRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : DatasetExample
    {
        await foreach (var entry in ReadEntriesCoreAsync(records, FormatOf<T>(), cancellationToken).ConfigureAwait(false))
        {
            if (entry.Record.Kind == JsonlRecordKind.Blank)
            {
                continue;
            }

            if (entry.Example is T typed)
            {
                yield return typed;
                continue;
            }

            var error = FirstError(entry.Diagnostics);
            if (entry.Example is not null)
            {
                throw new DatasetParseException("$", $"the line is a {entry.Example.Format} example, not {typeof(T).Name}.", entry.LineNumber, entry.Diagnostics);
            }

            throw new DatasetParseException(error?.Path is { Length: > 0 } p ? p : "$", error?.Message ?? "the line cannot be read.", entry.LineNumber, entry.Diagnostics);
        }
    }

    private static DatasetDiagnostic? FirstError(IReadOnlyList<DatasetDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return diagnostic;
            }
        }

        return null;
    }

    private static async IAsyncEnumerable<DatasetEntry> ReadEntriesCoreAsync(IAsyncEnumerable<JsonlRecord> records, DatasetFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var typer = new EntryTyper(format);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return typer.Next(record);
        }
    }

    /// <summary>Turns records into typed entries; the file's format comes from the first example unless one is given.</summary>
    private sealed class EntryTyper(DatasetFormat format)
    {
        private readonly DatasetFormat _requested = format;
        private DatasetFormat _fileFormat = format;

        public DatasetEntry Next(JsonlRecord record)
        {
            if (!record.IsObject)
            {
                return new DatasetEntry(record, null, record.Diagnostics);
            }

            var root = record.Value;
            if (_fileFormat == DatasetFormat.Unknown)
            {
                _fileFormat = DatasetFormatDetector.Detect(root);
            }

            var lineFormat = _fileFormat;
            var detected = DatasetFormatDetector.Detect(root);
            if (_requested == DatasetFormat.Unknown && DatasetFormatDetector.Family(detected) != DatasetFormatDetector.Family(_fileFormat))
            {
                lineFormat = detected;
            }

            if (DatasetExample.TryParse(root, lineFormat, out var example, out var error))
            {
                return new DatasetEntry(record, example, record.Diagnostics);
            }

            var diagnostics = new List<DatasetDiagnostic>(record.Diagnostics)
            {
                DatasetDiagnostic.Error(DatasetDiagnosticCodes.InvalidExampleShape, record.LineNumber, error!.Path,
                    $"Line {record.LineNumber} is not a valid {lineFormat} example: {error.Reason ?? error.Message}",
                    "Run 'ftk validate' on the file for every problem with its fix."),
            };
            return new DatasetEntry(record, null, diagnostics);
        }
    }
}
