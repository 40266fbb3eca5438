using System.Text.Json.Serialization;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Models;

/// <summary>The <c>estimate</c> section of <c>ftk validate --json</c>; <c>base_model</c>, <c>tier</c> and the costs are null (written) when unknown.</summary>
internal sealed record TrainingEstimateSectionJson(
    string Provider,
    string Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? BaseModel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Tier,
    int Epochs,
    bool EpochsAuto,
    long TrainingTokens,
    long BillableTokensPerEpoch,
    long BilledTokens,
    long ValidationTokensNotBilled,
    int ExamplesOverLimit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? CostUsd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? CostUsdLow,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? CostUsdHigh,
    string Currency,
    IReadOnlyList<DatasetReportDiagnosticJson> Warnings);
