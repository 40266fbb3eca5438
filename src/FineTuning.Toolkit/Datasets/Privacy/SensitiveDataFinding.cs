namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>A detection in a dataset file: where it is (line and JSON path), what it is, and a masked excerpt for display.</summary>
/// <param name="Line">The 1-based line number in the file.</param>
/// <param name="JsonPath">The JSON path of the string value that holds the match (e.g. <c>$.messages[1].content</c>), or <c>$</c> when the line is not valid JSON and its raw text was scanned.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Detector">The stable name of the detector.</param>
/// <param name="MaskedExcerpt">A short excerpt around the match with the sensitive part masked; it never contains the full secret.</param>
public sealed record SensitiveDataFinding(long Line, string JsonPath, SensitiveDataKind Kind, string Detector, string MaskedExcerpt);
