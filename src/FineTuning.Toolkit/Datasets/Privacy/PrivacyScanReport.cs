namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>The result of scanning a dataset file with <see cref="DatasetPrivacyScanner.ScanAsync"/>.</summary>
public sealed class PrivacyScanReport
{
    internal PrivacyScanReport(long lines, IReadOnlyList<SensitiveDataFinding> findings, IReadOnlyList<DatasetDiagnostic> errors)
    {
        Lines = lines;
        Findings = findings;
        Errors = errors;
        CountsByKind = findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count());
        LinesWithFindings = findings.Select(f => f.Line).Distinct().Count();
    }

    /// <summary>Gets the number of non-blank lines read.</summary>
    public long Lines { get; }

    /// <summary>Gets every finding, in file order. Findings never contain the sensitive value, only a masked excerpt.</summary>
    public IReadOnlyList<SensitiveDataFinding> Findings { get; }

    /// <summary>Gets the number of findings per kind.</summary>
    public IReadOnlyDictionary<SensitiveDataKind, int> CountsByKind { get; }

    /// <summary>Gets the number of lines with at least one finding.</summary>
    public int LinesWithFindings { get; }

    /// <summary>Gets the lines that are not valid JSON objects (their raw text was still scanned, with JSON path <c>$</c>).</summary>
    public IReadOnlyList<DatasetDiagnostic> Errors { get; }
}
