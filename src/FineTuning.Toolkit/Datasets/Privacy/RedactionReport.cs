namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>The result of <see cref="DatasetPrivacyScanner.RedactAsync"/>.</summary>
/// <param name="Lines">The number of lines written (every input line, in order, so line numbers still match).</param>
/// <param name="RedactedLines">The number of lines that changed.</param>
/// <param name="Redactions">The number of values replaced by placeholders, per kind.</param>
/// <param name="Errors">Lines that are not valid JSON objects; their raw text was redacted and written unchanged otherwise.</param>
public sealed record RedactionReport(long Lines, long RedactedLines, IReadOnlyDictionary<SensitiveDataKind, int> Redactions, IReadOnlyList<DatasetDiagnostic> Errors);
