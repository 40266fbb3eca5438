using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk dedupe --json</c>.</summary>
internal sealed record DedupeJson(
    string File,
    string? Output,
    long Examples,
    long Kept,
    int ExactDuplicates,
    int NearDuplicates,
    double? NearThreshold,
    IReadOnlyList<DedupeJson.Duplicate> Duplicates,
    int ConflictCount,
    IReadOnlyList<DedupeJson.Conflict> Conflicts,
    int ErrorsCount,
    IReadOnlyList<DiagnosticJson> Errors)
{
    /// <summary>One duplicate.</summary>
    internal sealed record Duplicate(long Line, long DuplicateOfLine, DuplicateKind Kind, double Similarity);

    /// <summary>One conflict (same prompt, different answer).</summary>
    internal sealed record Conflict(long Line, long ConflictsWithLine, bool Dropped);
}
