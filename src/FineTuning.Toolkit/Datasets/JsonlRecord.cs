using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>One line of a JSONL file: its 1-based number, its raw UTF-8 bytes, the parsed JSON value and the diagnostics found while reading it.</summary>
/// <remarks>
/// A record owns its memory: it stays valid after the reader moves on. Disposing it is optional and returns the parser's
/// pooled memory early (do not use <see cref="Value"/> after that).
/// </remarks>
public sealed class JsonlRecord : IDisposable
{
    private readonly JsonDocument? _document;

    internal JsonlRecord(long lineNumber, long byteOffset, JsonlRecordKind kind, ReadOnlyMemory<byte> utf8, JsonDocument? document, IReadOnlyList<DatasetDiagnostic> diagnostics)
    {
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        Kind = kind;
        Utf8 = utf8;
        _document = document;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the 1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>Gets the offset of the line's first byte in the file (after a byte-order mark).</summary>
    public long ByteOffset { get; }

    /// <summary>Gets what the record holds.</summary>
    public JsonlRecordKind Kind { get; }

    /// <summary>Gets the line's bytes, without the line terminator (CR LF or LF) and without a byte-order mark.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> holds a parsed JSON value.</summary>
    public bool HasValue => _document is not null;

    /// <summary>Gets a value indicating whether the line is a JSON object (the only valid shape for a training example).</summary>
    public bool IsObject => _document is not null && _document.RootElement.ValueKind == JsonValueKind.Object;

    /// <summary>Gets the parsed JSON value.</summary>
    /// <exception cref="InvalidOperationException">The record has no value (<see cref="HasValue"/> is <see langword="false"/>).</exception>
    public JsonElement Value => _document?.RootElement ?? throw new InvalidOperationException($"Line {LineNumber} holds no JSON value ({Kind}).");

    /// <summary>Gets a value indicating whether an <see cref="IJsonlLineParser"/> read the line in the reader's single pass:
    /// the line is one valid JSON object, and <see cref="Value"/> is not built.</summary>
    internal bool IsParsedInPass { get; init; }

    /// <summary>Gets the diagnostics found while reading this line (errors make <see cref="Kind"/> <see cref="JsonlRecordKind.Invalid"/>; warnings such as CRLF or a missing final newline may accompany a value).</summary>
    public IReadOnlyList<DatasetDiagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether any diagnostic of this line is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _document?.Dispose();
}
