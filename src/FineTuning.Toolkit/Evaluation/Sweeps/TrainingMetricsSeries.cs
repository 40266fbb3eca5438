namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>A job's metrics over steps, for loss curves in reports and overfitting checks in sweeps.</summary>
/// <param name="Name">The series name (for example the job id or "3 epochs").</param>
/// <param name="Points">The points, in step order.</param>
public sealed record TrainingMetricsSeries(string Name, IReadOnlyList<SweepMetricPoint> Points)
{
    /// <summary>Gets the point nearest to <paramref name="step"/> that has a validation loss, or <see langword="null"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The point or <see langword="null"/>.</returns>
    public SweepMetricPoint? NearestWithValidLoss(int step) =>
        Points.Where(p => p.ValidLoss is not null).OrderBy(p => Math.Abs(p.Step - step)).ThenBy(p => p.Step).FirstOrDefault();

    /// <summary>
    /// Builds a series from a job's metrics (<see cref="Jobs.TrainingMetrics"/> parsed from the result file, or the metric
    /// points of <see cref="Jobs.JobUpdate"/>s while watching). The full validation loss is preferred over the per-batch one.
    /// </summary>
    /// <param name="name">The series name (for example the job id).</param>
    /// <param name="points">The job's metric points.</param>
    /// <returns>The series, in step order.</returns>
    public static TrainingMetricsSeries FromJobMetrics(string name, IEnumerable<Jobs.TrainingMetricPoint> points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(points);
        return new TrainingMetricsSeries(name, [.. points
            .OrderBy(p => p.Step)
            .Select(p => new SweepMetricPoint(
                p.Step,
                p.TrainLoss,
                p.FullValidLoss ?? p.ValidLoss,
                null,
                p.TrainMeanTokenAccuracy,
                p.FullValidMeanTokenAccuracy ?? p.ValidMeanTokenAccuracy))]);
    }
}
