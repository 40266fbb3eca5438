namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk quickstart --json</c>: where everything went and what the evaluation found.</summary>
internal sealed record QuickstartJson(
    bool Succeeded,
    bool Emulated,
    string OutputFolder,
    string Model,
    JobJsonSummary? Job,
    string? Report,
    int? Items,
    int? Failed,
    FineTuning.Toolkit.Evaluation.Statistics.ComparisonVerdict? Verdict,
    string? VerdictReason,
    string? Error);
