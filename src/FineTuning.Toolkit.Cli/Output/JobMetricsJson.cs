using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk jobs metrics --json</c>: the parsed result file's analysis and the recommended checkpoint.</summary>
internal sealed record JobMetricsJson(
    string? Job,
    string? File,
    int Steps,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Problems,
    JobMetricsJson.AnalysisJson Analysis,
    string? RecommendedCheckpoint,
    string? RecommendationReason,
    JobMetricsJson.EpochsJson? Epochs)
{
    /// <summary>Builds the record.</summary>
    public static JobMetricsJson From(string? job, string? file, TrainingMetrics metrics, OverfittingAnalysis analysis, CheckpointRecommendation? recommendation, EpochRecommendation? epochs) => new(
        job,
        file,
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
        recommendation?.Reason,
        epochs is null ? null : new EpochsJson(epochs.TrainedEpochs, epochs.RecommendedEpochs, epochs.BestEpoch, epochs.ValidationLossRose, epochs.By, epochs.ValidationLossByEpoch, epochs.Reason));

    /// <summary>The epochs recommendation.</summary>
    internal sealed record EpochsJson(
        int TrainedEpochs,
        int RecommendedEpochs,
        int BestEpoch,
        bool ValidationLossRose,
        string By,
        IReadOnlyList<double> ValidationLossByEpoch,
        string Reason);

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
