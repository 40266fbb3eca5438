using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>Issue 15: the metrics recommend a number of epochs instead of always the final model.</summary>
public sealed class EpochRecommendationTests
{
    /// <summary>A result CSV of <paramref name="epochLosses"/>.Length epochs of 4 steps, full validation loss at each epoch end.</summary>
    internal static string Csv(double[] epochLosses, bool full = true)
    {
        var text = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy,full_valid_loss,full_valid_mean_token_accuracy\n");
        for (var epoch = 0; epoch < epochLosses.Length; epoch++)
        {
            for (var s = 1; s <= 4; s++)
            {
                var step = (epoch * 4) + s;
                var train = 2.0 / step;
                text.Append(CultureInfo.InvariantCulture, $"{step},{train:0.####},0.5,{epochLosses[epoch]:0.####},0.5,{(full && s == 4 ? epochLosses[epoch].ToString("0.####", CultureInfo.InvariantCulture) : string.Empty)},\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Validation_loss_that_rises_after_epoch_2_of_5_recommends_2_epochs()
    {
        var metrics = TrainingMetrics.Parse(Csv([1.0, 0.8, 0.85, 0.95, 1.1]));
        var advice = metrics.RecommendEpochs();
        Assert.NotNull(advice);
        Assert.Equal(5, advice.TrainedEpochs);
        Assert.Equal(2, advice.BestEpoch);
        Assert.Equal(2, advice.RecommendedEpochs);
        Assert.True(advice.ValidationLossRose);
        Assert.Equal("full_valid_loss", advice.By);
        Assert.StartsWith("validation loss rose after epoch 2 of 5", advice.Reason, StringComparison.Ordinal);
        Assert.Contains("try 2 epochs", advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_loss_still_falling_keeps_the_epochs()
    {
        var advice = TrainingMetrics.Parse(Csv([1.0, 0.8, 0.7])).RecommendEpochs();
        Assert.NotNull(advice);
        Assert.Equal(3, advice.RecommendedEpochs);
        Assert.False(advice.ValidationLossRose);
        Assert.Contains("keep 3 epochs", advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_full_validation_loss_the_given_epochs_split_the_batch_losses()
    {
        var metrics = TrainingMetrics.Parse(Csv([0.9, 1.2, 1.3, 1.4], full: false));
        Assert.Null(metrics.RecommendEpochs());
        var advice = metrics.RecommendEpochs(4);
        Assert.NotNull(advice);
        Assert.Equal("valid_loss", advice.By);
        Assert.Equal(1, advice.RecommendedEpochs);
        Assert.Contains("try 1 epoch.", advice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_validation_metrics_give_no_epoch_advice()
    {
        var metrics = TrainingMetrics.Parse("step,train_loss\n1,2.0\n2,1.5\n3,1.0\n4,0.9\n");
        Assert.Null(metrics.RecommendEpochs(2));
    }

    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task Models_are_listed_and_a_fine_tuned_one_deleted_but_not_a_base_model(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => e.Speed = 1000);
        var models = host.Services.GetRequiredService<IFineTuningModelClient>();
        var listed = new List<FineTuningModelInfo>();
        await foreach (var model in models.ListModelsAsync())
        {
            listed.Add(model);
        }

        Assert.Contains(listed, m => m.Id == "gpt-4o-mini-2024-07-18" && !m.IsFineTuned);
        Assert.DoesNotContain(listed, m => m.IsFineTuned);
        await Assert.ThrowsAsync<FineTuningApiException>(() => models.DeleteModelAsync("gpt-4o-mini-2024-07-18"));
        Assert.False(await models.DeleteModelAsync("ft:gpt-4o-mini-2024-07-18:org::missing"));
    }
}
