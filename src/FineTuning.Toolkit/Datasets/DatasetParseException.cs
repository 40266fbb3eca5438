namespace FineTuning.Toolkit.Datasets;

/// <summary>Thrown when a JSON value cannot be read as a typed <see cref="DatasetExample"/>; says where (line and JSON path) and why.</summary>
public sealed class DatasetParseException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="DatasetParseException"/> class.</summary>
    public DatasetParseException()
        : this("The value is not a valid training example.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetParseException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DatasetParseException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetParseException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetParseException"/> class.</summary>
    /// <param name="path">The JSON path of the offending value.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="diagnostics">The diagnostics that describe the problem, if any.</param>
    public DatasetParseException(string path, string reason, long line, IReadOnlyList<DatasetDiagnostic>? diagnostics = null)
        : base(line > 0 ? $"Line {line}, {path}: {reason}" : $"{path}: {reason}")
    {
        Path = path ?? string.Empty;
        Reason = reason;
        Line = line;
        Diagnostics = diagnostics ?? [];
    }

    /// <summary>Gets the JSON path of the offending value (e.g. <c>$.messages[1].weight</c>).</summary>
    public string Path { get; }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string? Reason { get; }

    /// <summary>Gets the 1-based line number, or 0 when the value did not come from a file.</summary>
    public long Line { get; }

    /// <summary>Gets the reader diagnostics of the line when it could not be read at all.</summary>
    public IReadOnlyList<DatasetDiagnostic> Diagnostics { get; } = [];

    internal DatasetParseException WithLine(long line) => new(Path, Reason ?? Message, line, Diagnostics);
}
