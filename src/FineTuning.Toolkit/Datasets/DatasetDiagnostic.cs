using System.Globalization;

namespace FineTuning.Toolkit.Datasets;

/// <summary>One finding about a dataset: a stable code, where it is (line and JSON path), what is wrong and how to fix it.</summary>
/// <remarks>Codes are listed with their fix in <c>docs/diagnostics.md</c> and as constants in <see cref="DatasetDiagnosticCodes"/>.</remarks>
public sealed record DatasetDiagnostic
{
    /// <summary>Initializes a new instance of the <see cref="DatasetDiagnostic"/> class.</summary>
    /// <param name="code">The stable code, e.g. <c>FT2016</c>.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="line">The 1-based line number, or 0 for a file-level finding.</param>
    /// <param name="path">The JSON path inside the line (e.g. <c>$.messages[2].tool_calls[0].id</c>), or empty.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="suggestion">How to fix it.</param>
    public DatasetDiagnostic(string code, DiagnosticSeverity severity, long line, string path, string message, string suggestion)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        Severity = severity;
        Line = line;
        Path = path ?? string.Empty;
        Message = message;
        Suggestion = suggestion ?? string.Empty;
    }

    /// <summary>Gets the stable diagnostic code, e.g. <c>FT2016</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the severity.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Gets the 1-based line number, or 0 when the finding is about the whole file.</summary>
    public long Line { get; }

    /// <summary>Gets the JSON path inside the line (e.g. <c>$.messages[2].content</c>), or an empty string.</summary>
    public string Path { get; }

    /// <summary>Gets the description of the problem.</summary>
    public string Message { get; }

    /// <summary>Gets the suggested fix (may be empty).</summary>
    public string Suggestion { get; }

    /// <summary>Creates an error.</summary>
    /// <param name="code">The code.</param><param name="line">The line (0 = file).</param><param name="path">The JSON path.</param>
    /// <param name="message">The message.</param><param name="suggestion">The fix.</param>
    /// <returns>The diagnostic.</returns>
    public static DatasetDiagnostic Error(string code, long line, string path, string message, string suggestion = "") =>
        new(code, DiagnosticSeverity.Error, line, path, message, suggestion);

    /// <summary>Creates a warning.</summary>
    /// <param name="code">The code.</param><param name="line">The line (0 = file).</param><param name="path">The JSON path.</param>
    /// <param name="message">The message.</param><param name="suggestion">The fix.</param>
    /// <returns>The diagnostic.</returns>
    public static DatasetDiagnostic Warning(string code, long line, string path, string message, string suggestion = "") =>
        new(code, DiagnosticSeverity.Warning, line, path, message, suggestion);

    /// <summary>Creates an informational finding.</summary>
    /// <param name="code">The code.</param><param name="line">The line (0 = file).</param><param name="path">The JSON path.</param>
    /// <param name="message">The message.</param><param name="suggestion">The fix.</param>
    /// <returns>The diagnostic.</returns>
    public static DatasetDiagnostic Info(string code, long line, string path, string message, string suggestion = "") =>
        new(code, DiagnosticSeverity.Info, line, path, message, suggestion);

    /// <inheritdoc/>
    public override string ToString()
    {
        var where = Line == 0 ? "file" : "line " + Line.ToString(CultureInfo.InvariantCulture);
        var path = Path.Length == 0 ? string.Empty : " " + Path;
        var fix = Suggestion.Length == 0 ? string.Empty : " Fix: " + Suggestion;
        return $"{Severity.ToString().ToUpperInvariant()} {Code} ({where}{path}): {Message}{fix}";
    }
}
