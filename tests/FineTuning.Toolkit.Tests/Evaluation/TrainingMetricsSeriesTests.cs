using FineTuning.Toolkit.Evaluation.Sweeps;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class TrainingMetricsSeriesTests
{
    [Fact]
    public void FromJobMetrics_orders_by_step_and_prefers_the_full_validation_loss()
    {
        var series = TrainingMetricsSeries.FromJobMetrics("ftjob-1",
        [
            new FineTuning.Toolkit.Jobs.TrainingMetricPoint { Step = 2, TrainLoss = 0.8, ValidLoss = 0.9, FullValidLoss = 0.85, TrainMeanTokenAccuracy = 0.7 },
            new FineTuning.Toolkit.Jobs.TrainingMetricPoint { Step = 1, TrainLoss = 1.2, ValidLoss = 1.3 },
        ]);

        Assert.Equal("ftjob-1", series.Name);
        Assert.Equal([1, 2], series.Points.Select(p => p.Step));
        Assert.Equal(1.3, series.Points[0].ValidationLoss);
        Assert.Equal(0.85, series.Points[1].ValidationLoss);
        Assert.Equal(0.7, series.Points[1].TrainMeanTokenAccuracy);
        Assert.Equal(2, series.NearestWithValidLoss(3)!.Step);
    }
}
