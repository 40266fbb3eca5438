using System.Text.Json;
using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The JSON record of a <see cref="DatasetValidationReport"/> (<c>ftk validate --json</c>): the counts, the diagnostics,
/// the codes, then every section under its key (flattened through <see cref="Sections"/>).
/// </summary>
internal sealed record DatasetReportJson
{
    /// <summary>Gets the file (null, written, for a stream).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required string? File { get; init; }

    /// <summary>Gets the format name.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the profile name.</summary>
    public required string Profile { get; init; }

    /// <summary>Gets the number of examples.</summary>
    public required long Examples { get; init; }

    /// <summary>Gets the number of lines.</summary>
    public required long Lines { get; init; }

    /// <summary>Gets the number of bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Gets a value indicating whether there is no error.</summary>
    public required bool Valid { get; init; }

    /// <summary>Gets the error count.</summary>
    public required long ErrorCount { get; init; }

    /// <summary>Gets the warning count.</summary>
    public required long WarningCount { get; init; }

    /// <summary>Gets the info count.</summary>
    public required long InfoCount { get; init; }

    /// <summary>Gets a value indicating whether diagnostics were counted but not listed.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Gets the errors.</summary>
    public required IReadOnlyList<DatasetReportDiagnosticJson> Errors { get; init; }

    /// <summary>Gets the warnings.</summary>
    public required IReadOnlyList<DatasetReportDiagnosticJson> Warnings { get; init; }

    /// <summary>Gets the infos.</summary>
    public required IReadOnlyList<DatasetReportDiagnosticJson> Infos { get; init; }

    /// <summary>Gets the per-code summaries.</summary>
    public required IReadOnlyList<DatasetReportCodeJson> Codes { get; init; }

    /// <summary>Gets the sections, written as further properties of the report object.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Sections { get; set; }
}

/// <summary>One diagnostic: <c>{line, code, severity, path, message, suggestion}</c> (line 0 = file-level).</summary>
internal sealed record DatasetReportDiagnosticJson(long Line, string Code, DiagnosticSeverity Severity, string Path, string Message, string Suggestion)
{
    /// <summary>The diagnostics as records.</summary>
    public static IReadOnlyList<DatasetReportDiagnosticJson> List(IEnumerable<DatasetDiagnostic> diagnostics) =>
        [.. diagnostics.Select(d => new DatasetReportDiagnosticJson(d.Line, d.Code, d.Severity, d.Path, d.Message, d.Suggestion))];
}

/// <summary>One code's summary.</summary>
internal sealed record DatasetReportCodeJson(string Code, DiagnosticSeverity Severity, long Count, long FirstLine, string Message, string Suggestion);
