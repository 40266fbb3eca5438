using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>A job's metrics over steps, for loss curves in reports and overfitting checks in sweeps.</summary>
/// <param name="Name">The series name (for example the job id or "3 epochs").</param>
/// <param name="Points">The points (<see cref="TrainingMetricPoint"/>, the job's own metric type), in step order.</param>
public sealed record TrainingMetricsSeries(string Name, IReadOnlyList<TrainingMetricPoint> Points)
{
    /// <summary>Gets the point nearest to <paramref name="step"/> that has a validation loss (<see cref="TrainingMetricPoint.ValidationLoss"/>), or <see langword="null"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The point or <see langword="null"/>.</returns>
    public TrainingMetricPoint? NearestWithValidLoss(int step) =>
        Points.Where(p => p.ValidationLoss is not null).OrderBy(p => Math.Abs(p.Step - step)).ThenBy(p => p.Step).FirstOrDefault();

    /// <summary>Applies the toolkit's overfitting rule (<see cref="OverfittingAnalysis"/>, the same as <see cref="TrainingMetrics.Analyze"/>) to the series.</summary>
    /// <returns>The analysis.</returns>
    public OverfittingAnalysis AnalyzeOverfitting() => OverfittingAnalysis.From(Points);

    /// <summary>
    /// Builds a series from a job's metrics (<see cref="TrainingMetrics"/> parsed from the result file, or the metric
    /// points of <see cref="JobUpdate"/>s while watching), in step order.
    /// </summary>
    /// <param name="name">The series name (for example the job id).</param>
    /// <param name="points">The job's metric points.</param>
    /// <returns>The series, in step order.</returns>
    public static TrainingMetricsSeries FromJobMetrics(string name, IEnumerable<TrainingMetricPoint> points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(points);
        return new TrainingMetricsSeries(name, [.. points.OrderBy(p => p.Step)]);
    }
}
