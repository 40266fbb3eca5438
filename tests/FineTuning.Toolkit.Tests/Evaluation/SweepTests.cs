using FineTuning.Toolkit.Evaluation.Sweeps;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class SweepTests
{
    [Fact]
    public void Best_score_wins_when_clear()
    {
        var rec = CheckpointSweep.Recommend([new("e1", 0.60) { Epochs = 1 }, new("e2", 0.72) { Epochs = 2 }, new("e3", 0.70) { Epochs = 3 }], tieTolerance: 0.01);
        Assert.Equal("e2", rec.Recommended.Name);
        Assert.Single(rec.Tied);
        Assert.Contains("0.02 above the next (e3)", rec.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_are_broken_by_validation_loss_then_epochs()
    {
        // e2 and e3 are within 0.01; e3 has the lower validation loss → e3.
        var rec = CheckpointSweep.Recommend([new("e2", 0.715) { Epochs = 2, ValidLoss = 0.40 }, new("e3", 0.72) { Epochs = 3, ValidLoss = 0.35 }, new("e1", 0.5) { Epochs = 1, ValidLoss = 0.6 }]);
        Assert.Equal("e3", rec.Recommended.Name);
        Assert.Contains("lowest validation loss", rec.Reason, StringComparison.Ordinal);

        // Without validation losses the earlier epoch wins.
        rec = CheckpointSweep.Recommend([new("e3", 0.72) { Epochs = 3 }, new("e2", 0.715) { Epochs = 2 }]);
        Assert.Equal("e2", rec.Recommended.Name);
    }

    [Fact]
    public void Overfitting_is_flagged_from_the_loss_curve_and_the_score_trend()
    {
        // Full validation loss (epoch ends): best 0.50 at step 20, ends at 0.60 (+20%) while training loss falls to 0.1.
        double? Full(int step) => step switch { 10 => 0.70, 20 => 0.50, 30 => 0.55, 40 => 0.60, _ => null };
        var series = new TrainingMetricsSeries("job", [.. Enumerable.Range(1, 40).Select(step => new TrainingMetricPoint
        {
            Step = step,
            TrainLoss = 1.0 - (0.0225 * step),
            FullValidLoss = Full(step),
        })]);
        var rec = CheckpointSweep.Recommend(
            [new("ckpt-20", 0.70) { Step = 20 }, new("ckpt-30", 0.66) { Step = 30 }, new("ckpt-40", 0.60) { Step = 40 }],
            [series]);
        Assert.Equal("ckpt-20", rec.Recommended.Name);
        Assert.Equal(0.50, rec.Recommended.ValidLoss); // filled from the series by step
        Assert.True(rec.OverfittingSuspected);
        Assert.Contains(rec.Warnings, w => w.Contains("validation loss rose 20%", StringComparison.Ordinal));
        Assert.Contains(rec.Warnings, w => w.Contains("score peaks at ckpt-20", StringComparison.Ordinal));
        Assert.Contains(rec.Warnings, w => w.Contains("below a quarter", StringComparison.Ordinal)); // 0.145 (smoothed) < 0.6/4

        // The sweep applies the jobs' own rule: the same verdict as TrainingMetrics.Analyze on the same points.
        var analysis = series.AnalyzeOverfitting();
        Assert.True(analysis.LikelyOverfitting, analysis.Summary);
        Assert.True(analysis.LikelyMemorizing, analysis.Summary);
        Assert.Contains(rec.Warnings, w => w == "Overfitting in job: " + analysis.Summary);
    }

    [Fact]
    public void A_healthy_curve_raises_no_overfitting_warning()
    {
        var series = new TrainingMetricsSeries("job", [.. Enumerable.Range(1, 40).Select(step => new TrainingMetricPoint
        {
            Step = step,
            TrainLoss = 1.0 - (0.01 * step),
            ValidLoss = 1.1 - (0.01 * step),
        })]);
        var rec = CheckpointSweep.Recommend([new("ckpt-40", 0.7) { Step = 40 }], [series]);
        Assert.False(rec.OverfittingSuspected, string.Join(" | ", rec.Warnings));
    }
}
