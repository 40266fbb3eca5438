using FineTuning.Toolkit.Cli.Commands.Shared;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk split --json</c>.</summary>
internal sealed record SplitJson(
    string File,
    string TrainingFile,
    string ValidationFile,
    int Seed,
    double ValidationRatio,
    bool Exact,
    long Training,
    long Validation,
    string? Stratify,
    IReadOnlyList<SplitJson.Stratum>? Strata,
    int ErrorsCount,
    IReadOnlyList<DiagnosticJson> Errors)
{
    /// <summary>One stratum.</summary>
    internal sealed record Stratum(string Value, long Training, long Validation);
}
