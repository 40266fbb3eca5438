namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Seeded, deterministic percentile bootstrap. Same inputs and seed give the same interval on every machine.
/// </summary>
/// <remarks>
/// For <c>B</c> resamples, each draws <c>n</c> indices uniformly with replacement, computes the statistic, and the
/// interval is the (α/2, 1−α/2) quantiles of the <c>B</c> statistics, with quantiles by linear interpolation between
/// order statistics (Hyndman–Fan type 7: position <c>h = (B−1)·q</c>).
/// </remarks>
public static class Bootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20_261_122UL;

    /// <summary>Percentile bootstrap interval of the mean of <paramref name="values"/>.</summary>
    /// <param name="values">The observations (at least one).</param>
    /// <param name="level">The confidence level, in (0, 1).</param>
    /// <param name="resamples">The number of resamples.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The interval.</returns>
    public static ConfidenceInterval MeanInterval(IReadOnlyList<double> values, double level = 0.95, int resamples = DefaultResamples, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }

        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        var rng = new SeededRandom(seed);
        var n = values.Count;
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0d;
            for (var i = 0; i < n; i++)
            {
                sum += values[rng.NextInt(n)];
            }

            means[b] = sum / n;
        }

        Array.Sort(means);
        var alpha = 1 - level;
        return new ConfidenceInterval(Quantile(means, alpha / 2), Quantile(means, 1 - (alpha / 2)), level);
    }

    /// <summary>
    /// Paired bootstrap interval of the mean difference <c>candidate − baseline</c>: items are resampled as pairs,
    /// which keeps the per-item correlation between the two targets (the reason a paired test is more sensitive).
    /// </summary>
    /// <param name="baseline">Per-item scores of the baseline.</param>
    /// <param name="candidate">Per-item scores of the candidate, in the same item order.</param>
    /// <param name="level">The confidence level.</param>
    /// <param name="resamples">The number of resamples.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The interval of the mean difference.</returns>
    public static ConfidenceInterval PairedMeanDifferenceInterval(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double level = 0.95, int resamples = DefaultResamples, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count != candidate.Count)
        {
            throw new ArgumentException($"Paired samples must have the same length ({baseline.Count} vs {candidate.Count}).", nameof(candidate));
        }

        var differences = new double[baseline.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = candidate[i] - baseline[i];
        }

        return MeanInterval(differences, level, resamples, seed);
    }

    /// <summary>Type-7 quantile of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
