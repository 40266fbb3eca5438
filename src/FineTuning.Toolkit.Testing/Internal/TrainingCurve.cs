namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// The emulated loss curves, shaped by the data and the epochs: training loss keeps falling (to lower floors on small
/// files, which get memorised), validation loss falls until the data's useful number of epochs and then turns up, more
/// steeply the fewer examples there are (overfitting).
/// </summary>
internal readonly record struct TrainingCurve(double TrainLoss, double ValidLoss)
{
    /// <summary>The epochs after which more training stops helping validation, growing with the size of the data.</summary>
    public static double UsefulEpochs(int examples) => 1.5 + Math.Log10(Math.Max(10, examples));

    /// <summary>The noiseless losses after <paramref name="epochsDone"/> (fractional) epochs over <paramref name="examples"/> examples.</summary>
    public static TrainingCurve For(int examples, double epochsDone)
    {
        var n = Math.Max(1, examples);
        var floor = 0.12 * Math.Min(1.0, n / 200.0);
        var train = (1.9 * Math.Exp(-1.1 * epochsDone)) + floor;
        var useful = UsefulEpochs(n);
        var beyond = Math.Max(0, epochsDone - useful);
        var valid = (1.9 * Math.Exp(-1.0 * Math.Min(epochsDone, useful))) + 0.2 + (0.15 * beyond * (100.0 / (n + 100.0)));
        return new TrainingCurve(train, valid);
    }
}
