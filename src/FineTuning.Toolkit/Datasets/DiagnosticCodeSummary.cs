namespace FineTuning.Toolkit.Datasets;

/// <summary>How often one diagnostic code occurred in a validated file, and where first (counts every occurrence, even past the storage caps).</summary>
public sealed record DiagnosticCodeSummary
{
    /// <summary>Gets the code.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the severity of the code's first occurrence.</summary>
    public required DiagnosticSeverity Severity { get; init; }

    /// <summary>Gets the number of occurrences.</summary>
    public required long Count { get; init; }

    /// <summary>Gets the line of the first occurrence (0 = file-level).</summary>
    public required long FirstLine { get; init; }

    /// <summary>Gets the message of the first occurrence.</summary>
    public required string FirstMessage { get; init; }

    /// <summary>Gets the suggested fix of the first occurrence.</summary>
    public required string Suggestion { get; init; }
}
