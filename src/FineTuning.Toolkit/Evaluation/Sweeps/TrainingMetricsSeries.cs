namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>A job's metrics over steps, for loss curves in reports and overfitting checks in sweeps.</summary>
/// <param name="Name">The series name (for example the job id or "3 epochs").</param>
/// <param name="Points">The points, in step order.</param>
public sealed record TrainingMetricsSeries(string Name, IReadOnlyList<TrainingMetricPoint> Points)
{
    /// <summary>Gets the point nearest to <paramref name="step"/> that has a validation loss, or <see langword="null"/>.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The point or <see langword="null"/>.</returns>
    public TrainingMetricPoint? NearestWithValidLoss(int step) =>
        Points.Where(p => p.ValidLoss is not null).OrderBy(p => Math.Abs(p.Step - step)).ThenBy(p => p.Step).FirstOrDefault();
}
