namespace FineTuning.Toolkit.Datasets;

/// <summary>One line of a dataset read by <see cref="DatasetReader.ReadEntriesAsync(string, DatasetFormat, JsonlReaderOptions?, CancellationToken)"/>: the typed example, or why there is none.</summary>
public sealed class DatasetEntry
{
    internal DatasetEntry(JsonlRecord record, DatasetExample? example, IReadOnlyList<DatasetDiagnostic> diagnostics)
    {
        Record = record;
        Example = example;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the 1-based line number.</summary>
    public long LineNumber => Record.LineNumber;

    /// <summary>Gets the underlying JSONL record (raw bytes and parsed value).</summary>
    public JsonlRecord Record { get; }

    /// <summary>Gets the typed example, or <see langword="null"/> when the line is blank or cannot be read as the file's format.</summary>
    public DatasetExample? Example { get; }

    /// <summary>Gets the reader diagnostics of the line plus, when the typed parse failed, an FT1028 error with the JSON path.</summary>
    public IReadOnlyList<DatasetDiagnostic> Diagnostics { get; }
}
