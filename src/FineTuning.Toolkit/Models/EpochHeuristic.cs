namespace FineTuning.Toolkit.Models;

/// <summary>The number of epochs the platform picks when <c>n_epochs</c> is <c>"auto"</c>, as published in OpenAI's data-preparation cookbook.</summary>
/// <remarks>
/// Start at 3 epochs. With fewer than 100 trained examples in total (n × 3 &lt; 100) use ⌊100 / n⌋, at most 25;
/// with more than 25,000 (n × 3 &gt; 25,000) use ⌊25,000 / n⌋, at least 1. The service does not document its
/// algorithm; the job's <c>hyperparameters.n_epochs</c> after creation is the final word.
/// </remarks>
public static class EpochHeuristic
{
    /// <summary>The target number of epochs (3).</summary>
    public const int TargetEpochs = 3;

    /// <summary>The minimum number of examples trained in total (examples × epochs) the heuristic aims for (100).</summary>
    public const int MinTargetExamples = 100;

    /// <summary>The maximum number of examples trained in total the heuristic aims for (25,000).</summary>
    public const int MaxTargetExamples = 25_000;

    /// <summary>The smallest automatic epoch count (1).</summary>
    public const int MinDefaultEpochs = 1;

    /// <summary>The largest automatic epoch count (25).</summary>
    public const int MaxDefaultEpochs = 25;

    /// <summary>Returns the automatic epoch count for <paramref name="exampleCount"/> training examples.</summary>
    /// <param name="exampleCount">The number of training examples (0 gives <see cref="MaxDefaultEpochs"/>).</param>
    /// <returns>The epoch count, between <see cref="MinDefaultEpochs"/> and <see cref="MaxDefaultEpochs"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exampleCount"/> is negative.</exception>
    public static int ForExampleCount(long exampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exampleCount);
        if (exampleCount == 0) return MaxDefaultEpochs;
        if (exampleCount * TargetEpochs < MinTargetExamples)
        {
            return (int)Math.Min(MaxDefaultEpochs, MinTargetExamples / exampleCount);
        }

        if (exampleCount * TargetEpochs > MaxTargetExamples)
        {
            return (int)Math.Max(MinDefaultEpochs, MaxTargetExamples / exampleCount);
        }

        return TargetEpochs;
    }
}
