namespace FineTuning.Toolkit.Jobs;

/// <summary>Training metrics at one step, from a metrics event, a checkpoint or a row of the result CSV.</summary>
public sealed class TrainingMetricPoint
{
    /// <summary>Gets the training step.</summary>
    public int Step { get; init; }

    /// <summary>Gets the total number of steps, when the source reports it (metrics events).</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Gets the training loss on the step's batch.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the training mean token accuracy.</summary>
    public double? TrainMeanTokenAccuracy { get; init; }

    /// <summary>Gets the validation loss on a small validation batch.</summary>
    public double? ValidLoss { get; init; }

    /// <summary>Gets the validation mean token accuracy on a small validation batch.</summary>
    public double? ValidMeanTokenAccuracy { get; init; }

    /// <summary>Gets the loss on the full validation set (computed at epoch ends; the most reliable figure).</summary>
    public double? FullValidLoss { get; init; }

    /// <summary>Gets the mean token accuracy on the full validation set.</summary>
    public double? FullValidMeanTokenAccuracy { get; init; }

    /// <summary>Gets the most reliable validation loss of this step: the full validation loss where the step has one (epoch ends),
    /// otherwise the validation loss on the small batch.</summary>
    public double? ValidationLoss => FullValidLoss ?? ValidLoss;

    /// <summary>Gets every numeric value by its source name, including ones not mapped above (e.g. RFT reward means).</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();

    /// <inheritdoc/>
    public override string ToString() => $"step {Step}: train_loss={TrainLoss}, valid_loss={ValidLoss}, full_valid_loss={FullValidLoss}";
}
