using System.Text.Json;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets;

/// <summary>The result of <see cref="DatasetValidator"/>: the detected format, counts, every diagnostic (up to the caps; counts are complete), and extra sections added by observers.</summary>
public sealed class DatasetValidationReport
{
    internal DatasetValidationReport()
    {
    }

    /// <summary>Gets the validated file's path, or <see langword="null"/> for a stream.</summary>
    public string? Source { get; internal init; }

    /// <summary>Gets the file's format (detected or forced); <see cref="DatasetFormat.Unknown"/> when no line matched a format.</summary>
    public DatasetFormat Format { get; internal set; }

    /// <summary>Gets the profile the file was validated against.</summary>
    public ValidationProfile Profile { get; internal init; } = ValidationProfile.OpenAI;

    /// <summary>Gets the number of examples: the non-blank lines (including unreadable ones).</summary>
    public long ExampleCount { get; internal set; }

    /// <summary>Gets the number of lines.</summary>
    public long LineCount { get; internal set; }

    /// <summary>Gets the number of bytes read.</summary>
    public long ByteCount { get; internal set; }

    /// <summary>Gets the kept diagnostics, in line order (file-level ones, line 0, come last); see <see cref="IsTruncated"/>.</summary>
    public IReadOnlyList<DatasetDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Gets the number of errors (all of them, even past <see cref="DatasetValidationOptions.MaxErrors"/>).</summary>
    public long ErrorCount { get; internal set; }

    /// <summary>Gets the number of warnings.</summary>
    public long WarningCount { get; internal set; }

    /// <summary>Gets the number of informational findings.</summary>
    public long InfoCount { get; internal set; }

    /// <summary>Gets a value indicating whether the file has no errors.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>Gets a value indicating whether some diagnostics were counted but not kept (the caps were reached).</summary>
    public bool IsTruncated { get; internal set; }

    /// <summary>Gets one summary per code: count, first line and first message, ordered by severity then code.</summary>
    public IReadOnlyList<DiagnosticCodeSummary> Codes { get; internal set; } = [];

    /// <summary>Gets the first error, or <see langword="null"/> (for a job that must fail on a bad file: line and message).</summary>
    public DatasetDiagnostic? FirstError { get; internal set; }

    /// <summary>Gets extra sections (e.g. <c>tokens</c>, <c>estimate</c>) added by observers or callers; written by <see cref="WriteJson"/> under their key.</summary>
    public IDictionary<string, IDatasetReportSection> Sections { get; } = new SortedDictionary<string, IDatasetReportSection>(StringComparer.Ordinal);

    internal List<DatasetDiagnostic> _diagnostics = [];

    /// <summary>Gets the kept errors.</summary>
    public IEnumerable<DatasetDiagnostic> Errors => _diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Gets the kept warnings.</summary>
    public IEnumerable<DatasetDiagnostic> Warnings => _diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>Gets the kept informational findings.</summary>
    public IEnumerable<DatasetDiagnostic> Infos => _diagnostics.Where(d => d.Severity == DiagnosticSeverity.Info);

    /// <summary>
    /// Adds findings computed after the pass (for example the model, limit and cost findings of a training estimate, FT6xxx) to
    /// the report, so that <see cref="ErrorCount"/>, <see cref="WarningCount"/>, <see cref="InfoCount"/>, <see cref="IsValid"/>,
    /// the lists and <see cref="Codes"/> account for them like the validator's own diagnostics.
    /// </summary>
    /// <param name="diagnostics">The findings.</param>
    public void AddDiagnostics(IEnumerable<DatasetDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var codes = Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var added = false;
        foreach (var d in diagnostics)
        {
            added = true;
            switch (d.Severity)
            {
                case DiagnosticSeverity.Error:
                    ErrorCount++;
                    FirstError ??= d;
                    break;
                case DiagnosticSeverity.Warning:
                    WarningCount++;
                    break;
                default:
                    InfoCount++;
                    break;
            }

            _diagnostics.Add(d);
            codes[d.Code] = codes.TryGetValue(d.Code, out var summary)
                ? summary with { Count = summary.Count + 1 }
                : new DiagnosticCodeSummary { Code = d.Code, Severity = d.Severity, Count = 1, FirstLine = d.Line, FirstMessage = d.Message, Suggestion = d.Suggestion };
        }

        if (added)
        {
            Codes = [.. codes.Values.OrderByDescending(c => c.Severity).ThenBy(c => c.Code, StringComparer.Ordinal)];
            _diagnostics = [.. _diagnostics.OrderBy(d => d.Line == 0 ? long.MaxValue : d.Line)]; // line order, file-level last (stable)
        }
    }

    /// <summary>Gets the format name used in JSON and by the CLI (<c>chat</c>, <c>preference</c>, <c>reinforcement</c>, <c>completion</c>, <c>unknown</c>).</summary>
    /// <param name="format">The format.</param>
    /// <returns>The lower-case name.</returns>
    public static string FormatName(DatasetFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>
    /// Writes the report as one JSON object: <c>file, format, profile, examples, lines, bytes, valid, error_count, warning_count,
    /// info_count, truncated, errors[], warnings[], infos[], codes[]</c>, then every entry of <see cref="Sections"/> under its key.
    /// Each diagnostic is <c>{line, code, severity, path, message, suggestion}</c> (line 0 = file-level).
    /// </summary>
    /// <param name="writer">The writer.</param>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, ToJsonRecord(), ToolkitJson.Info<DatasetReportJson>());
    }

    /// <summary>Returns the report as JSON (see <see cref="WriteJson"/>).</summary>
    /// <param name="indented"><see langword="true"/> for indented output.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(ToJsonRecord(), indented ? ToolkitJson.IndentedInfo<DatasetReportJson>() : ToolkitJson.Info<DatasetReportJson>());

    /// <summary>The report as its JSON record (the toolkit's snake_case convention).</summary>
    internal DatasetReportJson ToJsonRecord() => new()
    {
        File = Source,
        Format = FormatName(Format),
        Profile = Profile.Name,
        Examples = ExampleCount,
        Lines = LineCount,
        Bytes = ByteCount,
        Valid = IsValid,
        ErrorCount = ErrorCount,
        WarningCount = WarningCount,
        InfoCount = InfoCount,
        Truncated = IsTruncated,
        Errors = DatasetReportDiagnosticJson.List(Errors),
        Warnings = DatasetReportDiagnosticJson.List(Warnings),
        Infos = DatasetReportDiagnosticJson.List(Infos),
        Codes = [.. Codes.Select(c => new DatasetReportCodeJson(c.Code, c.Severity, c.Count, c.FirstLine, c.FirstMessage, c.Suggestion))],
        Sections = Sections.Count == 0 ? null : Sections.ToDictionary(s => s.Key, s => s.Value.ToJson(), StringComparer.Ordinal),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Source ?? "stream"}: {FormatName(Format)}, {ExampleCount} examples, {ErrorCount} errors, {WarningCount} warnings, {InfoCount} infos";
}
