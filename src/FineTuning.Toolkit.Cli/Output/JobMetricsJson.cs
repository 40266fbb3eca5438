using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk jobs metrics --json</c>: the parsed result file's analysis and the recommended checkpoint.</summary>
internal sealed record JobMetricsJson(
    string Job,
    int Steps,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Problems,
    JobMetricsJson.AnalysisJson Analysis,
    string? RecommendedCheckpoint,
    string? RecommendationReason)
{
    /// <summary>Builds the record.</summary>
    public static JobMetricsJson From(string job, TrainingMetrics metrics, OverfittingAnalysis analysis, CheckpointRecommendation? recommendation) => new(
        job,
        metrics.Points.Count,
        metrics.Columns,
        metrics.Problems,
        new AnalysisJson(
            analysis.BestStep,
            analysis.BestBy,
            analysis.BestValidationLoss,
            analysis.FinalValidationLoss,
            analysis.FinalTrainingLoss,
            analysis.EarlyLossRatio,
            analysis.LateLossRatio,
            analysis.LikelyOverfitting,
            analysis.Summary),
        recommendation?.Checkpoint.FineTunedModelCheckpoint,
        recommendation?.Reason);

    /// <summary>The loss analysis.</summary>
    internal sealed record AnalysisJson(
        int? BestStep,
        string? BestBy,
        double? BestValidationLoss,
        double? FinalValidationLoss,
        double? FinalTrainingLoss,
        double? LossRatioEarly,
        double? LossRatioLate,
        bool LikelyOverfitting,
        string Summary);
}
