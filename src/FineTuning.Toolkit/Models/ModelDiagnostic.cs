namespace FineTuning.Toolkit.Models;

/// <summary>A finding about a planned fine-tuning job: the model, its dates, its limits or the cost. Codes are stable (see <see cref="ModelDiagnosticCodes"/>).</summary>
/// <param name="Code">The stable code, e.g. <c>FTM003</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong and what to do, in one or two sentences.</param>
public sealed record ModelDiagnostic(string Code, ModelDiagnosticSeverity Severity, string Message)
{
    /// <summary>Gets the 1-based line of the training file the finding is about, when it is about one example.</summary>
    public long? LineNumber { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        LineNumber is { } line ? $"{Severity.ToString().ToLowerInvariant()} {Code} line {line}: {Message}" : $"{Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
