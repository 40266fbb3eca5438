using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Utf8Validation = System.Text.Unicode.Utf8;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Streams a JSONL file line by line with 1-based line numbers. Never loads the whole file: it reads through a pooled buffer
/// that grows only to the longest line. Every line yields a <see cref="JsonlRecord"/>, including blank and unreadable ones,
/// so nothing is skipped silently.
/// </summary>
/// <remarks>
/// Reported as warnings (the line still yields its value): a UTF-8 byte-order mark (FT1010), CRLF line endings (FT1011, once,
/// at the first such line), blank lines (FT1012), a last line with no newline (FT1013). Reported as errors: invalid UTF-8 with
/// the byte offset (FT1001), a string escape holding a lone UTF-16 surrogate such as <c>"\ud800"</c> with its JSON path (FT1006), invalid JSON with the column (FT1002), a truncated last line (FT1003), a value that is not an
/// object (FT1004), a line longer than <see cref="JsonlReaderOptions.MaxLineBytes"/> (FT1005).
/// </remarks>
public static class JsonlReader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly DatasetDiagnostic[] NoDiagnostics = [];

    /// <summary>Reads the JSONL file at <paramref name="path"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">The reader options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One record per line, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be opened (thrown on the first iteration).</exception>
    public static IAsyncEnumerable<JsonlRecord> ReadAsync(string path, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileAsync(path, options, cancellationToken);
    }

    /// <summary>Reads JSONL from <paramref name="stream"/> (the stream is not disposed).</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="options">The reader options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One record per line, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public static IAsyncEnumerable<JsonlRecord> ReadAsync(Stream stream, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadStreamAsync(stream, options ?? JsonlReaderOptions.Default, borrow: false, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="ReadAsync(Stream, JsonlReaderOptions?, CancellationToken)"/>, but each record's bytes and JSON
    /// value point into the reader's pooled buffer instead of a copy: a record is valid only until the enumeration
    /// moves on, so the caller must finish with (and dispose) each record before asking for the next.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="options">The reader options.</param>
    /// <param name="parser">A one-pass reader of the line's bytes that may take the place of <see cref="JsonDocument"/> (see <see cref="IJsonlLineParser"/>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    internal static IAsyncEnumerable<JsonlRecord> ReadBorrowedAsync(Stream stream, JsonlReaderOptions options, IJsonlLineParser? parser, CancellationToken cancellationToken) =>
        ReadStreamAsync(stream, options, borrow: true, cancellationToken, parser);

    /// <summary>Reads JSONL already in memory, synchronously, with the same per-line rules and diagnostics as the stream reader.</summary>
    /// <param name="utf8">The file's bytes (a leading byte-order mark is handled as in a file).</param>
    /// <param name="options">The reader options, or <see langword="null"/> for the defaults.</param>
    /// <returns>One record per line, in order.</returns>
    public static IEnumerable<JsonlRecord> Read(ReadOnlyMemory<byte> utf8, JsonlReaderOptions? options = null)
    {
        options ??= JsonlReaderOptions.Default;
        var state = new ReaderState();
        var maxLine = Math.Max(1, options.MaxLineBytes);
        long offset = 0, lineNumber = 0;
        if (utf8.Span.StartsWith(Bom))
        {
            state.HasBom = true;
            offset = 3;
        }

        while (offset < utf8.Length)
        {
            var rest = utf8[(int)offset..];
            var nl = rest.Span.IndexOf((byte)'\n');
            var length = nl >= 0 ? nl : rest.Length;
            lineNumber++;
            yield return length > maxLine
                ? TooLong(lineNumber, offset, maxLine)
                : ProcessLine(rest[..length], lineNumber, offset, hasNewline: nl >= 0, options, state, borrow: false);
            offset += nl >= 0 ? nl + 1 : length;
        }
    }

    internal static FileStream OpenRead(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });

    private static async IAsyncEnumerable<JsonlRecord> ReadFileAsync(string path, JsonlReaderOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var record in ReadStreamAsync(stream, options ?? JsonlReaderOptions.Default, borrow: false, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<JsonlRecord> ReadStreamAsync(Stream stream, JsonlReaderOptions options, bool borrow, [EnumeratorCancellation] CancellationToken cancellationToken, IJsonlLineParser? parser = null)
    {
        var maxLine = Math.Max(1, options.MaxLineBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, options.BufferSize));
        try
        {
            int start = 0, end = 0, scanFrom = 0;
            long lineNumber = 0, offset = 0;
            var eof = false;
            var state = new ReaderState();

            // Fill at least 3 bytes (or reach the end) to look for a byte-order mark.
            while (end < 3)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    eof = true;
                    break;
                }

                end += read;
            }

            if (end >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Bom))
            {
                start = scanFrom = 3;
                offset = 3;
                state.HasBom = true;
            }

            var skipping = false;
            while (true)
            {
                var nl = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    nl += scanFrom;
                    lineNumber++;
                    var record = skipping
                        ? TooLong(lineNumber, offset, maxLine)
                        : ProcessLine(buffer.AsMemory(start, nl - start), lineNumber, offset, hasNewline: true, options, state, borrow, parser);
                    skipping = false;
                    offset += nl + 1 - start;
                    start = scanFrom = nl + 1;
                    yield return record;
                    continue;
                }

                scanFrom = end;
                if (eof)
                {
                    if (start < end || skipping)
                    {
                        lineNumber++;
                        yield return skipping
                            ? TooLong(lineNumber, offset, maxLine)
                            : ProcessLine(buffer.AsMemory(start, end - start), lineNumber, offset, hasNewline: false, options, state, borrow, parser);
                    }

                    yield break;
                }

                if (end - start > maxLine)
                {
                    // Drop what we hold of this over-long line and skip to its end.
                    offset += end - start;
                    start = end = scanFrom = 0;
                    skipping = true;
                }
                else if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    scanFrom -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var count = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    eof = true;
                }
                else
                {
                    end += count;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonlRecord TooLong(long lineNumber, long offset, int maxLine) =>
        new(lineNumber, offset, JsonlRecordKind.Invalid, ReadOnlyMemory<byte>.Empty, null,
        [
            DatasetDiagnostic.Error(DatasetDiagnosticCodes.LineTooLong, lineNumber, "$",
                $"Line {lineNumber} is longer than {maxLine.ToString(CultureInfo.InvariantCulture)} bytes; it was skipped.",
                "Check that the file is JSONL (one example per line) and not binary; raise JsonlReaderOptions.MaxLineBytes if the line is genuine."),
        ]);

    private static JsonlRecord ProcessLine(ReadOnlyMemory<byte> lineMemory, long lineNumber, long offset, bool hasNewline, JsonlReaderOptions options, ReaderState state, bool borrow, IJsonlLineParser? parser = null)
    {
        var line = lineMemory.Span;
        List<DatasetDiagnostic>? diagnostics = null;
        if (lineNumber == 1)
        {
            if (state.HasBom && !options.ExpectByteOrderMark)
            {
                Add(ref diagnostics, DatasetDiagnostic.Warning(DatasetDiagnosticCodes.ByteOrderMark, 0, string.Empty,
                    "The file starts with a UTF-8 byte-order mark (BOM); it was ignored.",
                    "Save the file as UTF-8 without BOM; OpenAI expects plain UTF-8."));
            }
            else if (!state.HasBom && options.ExpectByteOrderMark)
            {
                Add(ref diagnostics, DatasetDiagnostic.Info(DatasetDiagnosticCodes.MissingByteOrderMark, 0, string.Empty,
                    "The file has no UTF-8 byte-order mark; Azure OpenAI's documentation says training files must include one (unverified in practice).",
                    "If Azure rejects the file, save it as 'UTF-8 with BOM'."));
            }
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
            lineMemory = lineMemory[..^1];
            if (!state.CrlfReported)
            {
                state.CrlfReported = true;
                Add(ref diagnostics, DatasetDiagnostic.Warning(DatasetDiagnosticCodes.CrlfLineEndings, lineNumber, string.Empty,
                    $"The file uses CRLF line endings (first at line {lineNumber}); they were tolerated.",
                    "Save the file with LF line endings."));
            }
        }

        if (IsBlank(line))
        {
            Add(ref diagnostics, DatasetDiagnostic.Warning(DatasetDiagnosticCodes.BlankLine, lineNumber, string.Empty,
                $"Line {lineNumber} is blank; it was ignored.", "Remove blank lines: every line of a JSONL training file must be one example."));
            return new JsonlRecord(lineNumber, offset, JsonlRecordKind.Blank, ReadOnlyMemory<byte>.Empty, null, Finish(diagnostics));
        }

        if (!Utf8Validation.IsValid(line))
        {
            var bad = FirstInvalidUtf8Offset(line);
            Add(ref diagnostics, DatasetDiagnostic.Error(DatasetDiagnosticCodes.InvalidUtf8, lineNumber, "$",
                $"Line {lineNumber} is not valid UTF-8 at byte offset {bad.ToString(CultureInfo.InvariantCulture)} of the line (file offset {(offset + bad).ToString(CultureInfo.InvariantCulture)}).",
                "Re-encode the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)."));
            return new JsonlRecord(lineNumber, offset, JsonlRecordKind.Invalid, line.ToArray(), null, Finish(diagnostics));
        }

        // Borrowed: the record points into the caller's buffer (the validator's pooled read buffer), no copy per line.
        var bytes = borrow ? lineMemory : line.ToArray();
        JsonDocument? document = null;
        var kind = JsonlRecordKind.Value;
        var parsedInPass = false;
        if (options.ParseJson && parser is not null && !MayHoldSurrogateEscape(line) && parser.TryRead(line, options.MaxDepth))
        {
            // The parser read the whole line as one valid JSON object (the same Utf8JsonReader rules as JsonDocument.Parse)
            // and keeps what it needs: no document. Anything it does not take (an error, an unusual shape) falls through.
            parsedInPass = true;
        }
        else if (options.ParseJson)
        {
            try
            {
                document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
            }
            catch (JsonException ex)
            {
                kind = JsonlRecordKind.Invalid;
                if (!hasNewline && IsTruncatedJson(line, options.MaxDepth))
                {
                    Add(ref diagnostics, DatasetDiagnostic.Error(DatasetDiagnosticCodes.TruncatedLastLine, lineNumber, "$",
                        $"The last line ({lineNumber}) stops in the middle of a JSON value: the file looks truncated.",
                        "Re-export or re-download the file; check that the writer was not interrupted."));
                }
                else
                {
                    var column = CharColumn(line, ex.BytePositionInLine ?? 0);
                    Add(ref diagnostics, DatasetDiagnostic.Error(DatasetDiagnosticCodes.InvalidJson, lineNumber, "$",
                        $"Line {lineNumber} is not valid JSON at column {column.ToString(CultureInfo.InvariantCulture)}: {CleanJsonMessage(ex.Message)}",
                        "Fix the JSON syntax; each line must be exactly one JSON object (no trailing commas, comments, single quotes or raw newlines in strings)."));
                }
            }

            if (document is not null && MayHoldSurrogateEscape(line) && LoneSurrogatePath(line, options.MaxDepth) is { } surrogatePath)
            {
                document.Dispose();
                document = null;
                kind = JsonlRecordKind.Invalid;
                Add(ref diagnostics, DatasetDiagnostic.Error(DatasetDiagnosticCodes.LoneSurrogate, lineNumber, surrogatePath,
                    $"Line {lineNumber} has a string with a lone UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair) at {surrogatePath}; it is not valid Unicode and cannot be encoded as UTF-8.",
                    "Remove the escape or complete the pair (a high surrogate \\uD800-\\uDBFF followed by a low one \\uDC00-\\uDFFF); it usually comes from text cut in the middle of an emoji."));
            }

            if (document is not null && document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Add(ref diagnostics, DatasetDiagnostic.Error(DatasetDiagnosticCodes.NotAnObject, lineNumber, "$",
                    $"Line {lineNumber} is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.",
                    "Each line must be one JSON object such as {\"messages\":[...]}; a JSON array file must be converted to JSONL."));
            }
        }

        if (!hasNewline && kind == JsonlRecordKind.Value)
        {
            Add(ref diagnostics, DatasetDiagnostic.Warning(DatasetDiagnosticCodes.MissingFinalNewline, lineNumber, string.Empty,
                $"The last line ({lineNumber}) has no newline at its end; it was read anyway.",
                "End the file with a newline so that tools which append lines do not merge two examples."));
        }

        return new JsonlRecord(lineNumber, offset, kind, bytes, document, Finish(diagnostics)) { IsParsedInPass = parsedInPass };
    }

    /// <summary>Reads one line (without its terminator) as the file reader would, for callers that hold lines one by one.</summary>
    /// <param name="utf8">The line's bytes.</param>
    /// <param name="lineNumber">The 1-based line number used in diagnostics.</param>
    /// <param name="options">The reader options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The record.</returns>
    internal static JsonlRecord ReadLine(ReadOnlySpan<byte> utf8, long lineNumber, JsonlReaderOptions? options = null) =>
        ProcessLine(utf8.ToArray(), lineNumber, 0, hasNewline: true, options ?? JsonlReaderOptions.Default, new ReaderState { CrlfReported = true }, borrow: true);

    /// <summary>True when the line may hold a <c>\uD800</c>-<c>\uDFFF</c> escape (a cheap scan; <see cref="LoneSurrogatePath"/> decides).</summary>
    private static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (true)
        {
            var i = line[at..].IndexOf("\\u"u8);
            if (i < 0)
            {
                return false;
            }

            at += i + 2;
            if (at + 1 < line.Length && (line[at] | 0x20) == (byte)'d' && line[at + 1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }
    }

    /// <summary>The JSON path of the first string or property name whose escapes hold a lone surrogate, or <see langword="null"/>.</summary>
    internal static string? LoneSurrogatePath(ReadOnlySpan<byte> line, int maxDepth)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = maxDepth });
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    if (!TryGetString(ref reader, out var name))
                    {
                        return PathOf(frames) + " (a property name)";
                    }

                    frames[^1] = (false, 0, name);
                    continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = (true, frames[^1].Index + 1, null);
                }

                if (token == JsonTokenType.String && !TryGetString(ref reader, out _))
                {
                    return PathOf(frames);
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((token == JsonTokenType.StartArray, -1, null));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;

        static bool TryGetString(ref Utf8JsonReader reader, out string? value)
        {
            value = null;
            if (!reader.ValueIsEscaped)
            {
                value = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                return true;
            }

            try
            {
                value = reader.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        static string PathOf(List<(bool IsArray, int Index, string? Name)> frames)
        {
            var builder = new StringBuilder("$");
            foreach (var (isArray, index, name) in frames)
            {
                if (isArray)
                {
                    builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (name is not null)
                {
                    builder.Append('.').Append(name);
                }
            }

            return builder.ToString();
        }
    }

    private static void Add(ref List<DatasetDiagnostic>? list, DatasetDiagnostic diagnostic) => (list ??= []).Add(diagnostic);

    private static IReadOnlyList<DatasetDiagnostic> Finish(List<DatasetDiagnostic>? list) => list is null ? NoDiagnostics : list;

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    internal static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return line.Length;
    }

    private static long CharColumn(ReadOnlySpan<byte> line, long bytePosition)
    {
        var limit = (int)Math.Min(bytePosition, line.Length);
        long column = 1;
        for (var i = 0; i < limit; i++)
        {
            if ((line[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return column;
    }

    private static string CleanJsonMessage(string message)
    {
        // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 12." which is wrong for us (we report the file line).
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>True when the bytes are a proper prefix of some valid JSON value (the line was cut short).</summary>
    private static bool IsTruncatedJson(ReadOnlySpan<byte> line, int maxDepth)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth }));
        try
        {
            var sawToken = false;
            while (reader.Read())
            {
                sawToken = true;
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    // A complete top-level value: the error is elsewhere (e.g. trailing data), not truncation.
                    return false;
                }
            }

            return reader.BytesConsumed < line.Length || (sawToken && reader.CurrentDepth > 0) || !sawToken;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class ReaderState
    {
        public bool HasBom { get; set; }

        public bool CrlfReported { get; set; }
    }
}
