using FineTuning.Toolkit.Cli.Commands.Shared;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk convert --json</c>; the separator fields are set for <c>--from legacy</c> only and, like every null, omitted when nothing was detected or stripped.</summary>
internal sealed record ConvertJson(
    string File,
    string From,
    string To,
    string Output,
    long Read,
    long Written,
    string? DetectedPromptSeparator,
    string? DetectedCompletionStop,
    string? StrippedPromptSeparator,
    string? StrippedCompletionStop,
    int ErrorsCount,
    IReadOnlyList<DiagnosticJson> Errors,
    int WarningsCount,
    IReadOnlyList<DiagnosticJson> Warnings);
