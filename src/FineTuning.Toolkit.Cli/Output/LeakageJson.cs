using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk leakage --json</c>.</summary>
internal sealed record LeakageJson(
    string TrainingFile,
    string OtherFile,
    long TrainingExamples,
    long Examples,
    int Leaked,
    double LeakedFraction,
    IReadOnlyList<LeakageJson.Pair> Pairs,
    int TrainingErrorsCount,
    IReadOnlyList<DiagnosticJson> TrainingErrors,
    int ErrorsCount,
    IReadOnlyList<DiagnosticJson> Errors)
{
    /// <summary>One leaked example.</summary>
    internal sealed record Pair(long TrainingLine, long Line, DuplicateKind Kind, double Similarity);
}
