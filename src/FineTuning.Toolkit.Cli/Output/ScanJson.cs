using FineTuning.Toolkit.Cli.Commands.Shared;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk scan --json</c>.</summary>
internal sealed record ScanJson(
    string File,
    long Lines,
    int FindingCount,
    int LinesWithFindings,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<ScanJson.ScanFinding> Findings,
    ScanJson.RedactedCopy? Redaction,
    int ErrorsCount,
    IReadOnlyList<DiagnosticJson> Errors)
{
    /// <summary>One finding (masked).</summary>
    internal sealed record ScanFinding(long Line, string Path, string Kind, string Detector, string Excerpt);

    /// <summary>The redacted copy.</summary>
    internal sealed record RedactedCopy(string Output, long Lines, long RedactedLines);
}
