using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk train --method rft --grader-dry-run N --json</c>: the grader's scores on N samples.</summary>
internal sealed record GraderDryRunJson(
    string Grader,
    string File,
    string Model,
    int Samples,
    int Scored,
    double? Min,
    double? Mean,
    double? Max,
    double ShareZero,
    double ShareOne,
    double RangeMin,
    double RangeMax,
    IReadOnlyList<int> Histogram,
    bool Constant,
    string? NotRunnable,
    string? Warning,
    IReadOnlyList<string> Errors)
{
    /// <summary>Builds the record.</summary>
    public static GraderDryRunJson From(GraderDryRunReport report, string file, string model) => new(
        report.GraderType, file, model, report.Samples, report.Scores.Count, report.Min, report.Mean, report.Max, report.ShareZero, report.ShareOne,
        report.RangeMin, report.RangeMax, report.Histogram, report.IsConstant, report.NotRunnable, report.Warning, report.Errors);
}
