namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>One CSV record: the line it starts on and its fields, or the reason it cannot be read.</summary>
/// <param name="Line">The 1-based physical line the record starts on (a quoted field may span several lines).</param>
/// <param name="Fields">The fields, or <see langword="null"/> when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the record is malformed, or <see langword="null"/>.</param>
internal readonly record struct CsvRecord(long Line, string[]? Fields, string? Error);
