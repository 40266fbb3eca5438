using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class TrainingMetricsTests
{
    [Fact]
    public void Parses_a_dynamic_header_with_empty_validation_cells()
    {
        var metrics = TrainingMetrics.Parse("""
            step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,train_reward_mean
            1,2.5,0.4,,,0.1
            2,2.0,0.5,2.2,0.45,0.2
            3,1.5,0.6,,,0.3
            """);
        Assert.Equal(6, metrics.Columns.Count);
        Assert.Equal(3, metrics.Points.Count);
        Assert.Equal(0.5, metrics.Points[1].TrainMeanTokenAccuracy);
        Assert.Equal(2.2, metrics.Points[1].ValidLoss);
        Assert.Null(metrics.Points[0].ValidLoss);
        Assert.Equal(0.3, metrics.Points[2].Values["train_reward_mean"]);
        Assert.Single(metrics.Series("valid_loss"));
        Assert.Empty(metrics.Problems);
    }

    [Fact]
    public void Malformed_rows_are_reported_with_line_numbers()
    {
        var metrics = TrainingMetrics.Parse("step,train_loss\n1,2.0\nx,1.0\n3\n4,1.0\n");
        Assert.Equal(2, metrics.Points.Count);
        Assert.Contains(metrics.Problems, p => p.StartsWith("line 3:", StringComparison.Ordinal));
        Assert.Contains(metrics.Problems, p => p.StartsWith("line 4:", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => TrainingMetrics.Parse("train_loss\n1.0\n"));
        Assert.Throws<FormatException>(() => TrainingMetrics.Parse(""));
    }

    [Fact]
    public void Detects_overfitting_and_recommends_the_best_checkpoint()
    {
        // Training loss keeps falling; validation loss bottoms out at step 40, then rises.
        var csv = new StringBuilder("step,train_loss,valid_loss,full_valid_loss\n");
        for (var step = 1; step <= 90; step++)
        {
            var train = 2.0 * Math.Exp(-step / 30.0) + 0.05;
            var valid = 0.8 + Math.Pow((step - 40) / 40.0, 2);
            var full = step % 30 == 0 ? valid.ToString(CultureInfo.InvariantCulture) : string.Empty;
            csv.Append(CultureInfo.InvariantCulture, $"{step},{train},{valid},{full}\n");
        }

        var metrics = TrainingMetrics.Parse(csv.ToString());
        var analysis = metrics.Analyze();
        Assert.True(analysis.LikelyOverfitting, analysis.Summary);
        Assert.Equal("full_valid_loss", analysis.BestBy);
        Assert.Equal(30, analysis.BestStep);
        Assert.True(analysis.LateLossRatio > analysis.EarlyLossRatio);
        Assert.True(analysis.LossRatioSlopePer100Steps > 0);

        var checkpoints = new[] { 30, 60, 90 }.Select(s => new FineTuningCheckpointInfo
        {
            Id = "ftckpt_" + s,
            StepNumber = s,
            FineTunedModelCheckpoint = "ft:gpt-4o-mini:org::abc:ckpt-step-" + s,
            Metrics = new TrainingMetricPoint { Step = s, FullValidLoss = 0.8 + Math.Pow((s - 40) / 40.0, 2) },
        }).ToList();
        var recommendation = metrics.RecommendCheckpoint(checkpoints)!;
        Assert.Equal(30, recommendation.Checkpoint.StepNumber);
        Assert.Contains("overfitting", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Healthy_run_keeps_the_final_model()
    {
        var csv = new StringBuilder("step,train_loss,valid_loss\n");
        for (var step = 1; step <= 60; step++)
        {
            var loss = 2.0 * Math.Exp(-step / 20.0) + 0.1;
            csv.Append(CultureInfo.InvariantCulture, $"{step},{loss},{loss * 1.1}\n");
        }

        var metrics = TrainingMetrics.Parse(csv.ToString());
        Assert.False(metrics.Analyze().LikelyOverfitting, metrics.Analyze().Summary);
        var recommendation = metrics.RecommendCheckpoint([new FineTuningCheckpointInfo { Id = "a", StepNumber = 40 }, new FineTuningCheckpointInfo { Id = "b", StepNumber = 60 }])!;
        Assert.Equal("b", recommendation.Checkpoint.Id);
        Assert.Null(metrics.RecommendCheckpoint([]));
        Assert.Contains("validation file", TrainingMetrics.Parse("step,train_loss\n1,1.0\n").Analyze().Summary, StringComparison.Ordinal);
    }
}
