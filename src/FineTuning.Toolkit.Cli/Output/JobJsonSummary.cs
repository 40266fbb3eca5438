using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>A job as <c>ftk watch --json</c>, <c>ftk train --json</c> and <c>ftk quickstart --json</c> print it.</summary>
internal sealed record JobJsonSummary(
    string Id,
    string Status,
    string? Model,
    string? Method,
    string? FineTunedModel,
    long? TrainedTokens,
    string? Error,
    IReadOnlyList<string> ResultFiles)
{
    /// <summary>Builds the record.</summary>
    public static JobJsonSummary From(FineTuningJobInfo job) => new(
        job.Id,
        job.Status.Value,
        job.Model,
        job.MethodType,
        job.FineTunedModel,
        job.TrainedTokens,
        job.Error?.ToString(),
        job.ResultFileIds);
}
