namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Seeded, deterministic percentile bootstrap. Same inputs and seed give the same interval on every machine.
/// </summary>
/// <remarks>
/// For <c>B</c> resamples, each draws <c>n</c> indices uniformly with replacement, computes the statistic, and the
/// interval is the (α/2, 1−α/2) quantiles of the <c>B</c> statistics, with quantiles by linear interpolation between
/// order statistics (Hyndman–Fan type 7: position <c>h = (B−1)·q</c>). Efron and Tibshirani, <i>An Introduction to the
/// Bootstrap</i> (1993), ch. 13 (percentile intervals).
/// </remarks>
internal static class Bootstrap
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

        CheckLevel(level);
        return Interval(SortedMeans(values, resamples, seed), level);
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
    public static ConfidenceInterval PairedMeanDifferenceInterval(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double level = 0.95, int resamples = DefaultResamples, ulong seed = DefaultSeed) =>
        MeanInterval(Differences(baseline, candidate), level, resamples, seed);

    /// <summary>
    /// One-sided lower confidence bound of the mean difference <c>candidate − baseline</c> from the paired bootstrap:
    /// the (1 − <paramref name="level"/>) quantile of the resampled mean differences (at level 0.95, the 5th percentile,
    /// which is also the lower end of the two-sided 90% interval).
    /// </summary>
    /// <param name="baseline">Per-item scores of the baseline.</param>
    /// <param name="candidate">Per-item scores of the candidate, in the same item order.</param>
    /// <param name="level">The one-sided confidence level.</param>
    /// <param name="resamples">The number of resamples.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The lower bound.</returns>
    public static double PairedMeanDifferenceLowerBound(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double level = 0.95, int resamples = DefaultResamples, ulong seed = DefaultSeed)
    {
        var differences = Differences(baseline, candidate);
        if (differences.Length == 0)
        {
            throw new ArgumentException("At least one paired item is required.", nameof(baseline));
        }

        CheckLevel(level);
        return Quantile(SortedMeans(differences, resamples, seed), 1 - level);
    }

    /// <summary>The sorted means of <paramref name="resamples"/> resamples of <paramref name="values"/>.</summary>
    internal static double[] SortedMeans(IReadOnlyList<double> values, int resamples, ulong seed)
    {
        var column = new double?[values.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = values[i];
        }

        return SharedSortedMeans([column], resamples, seed)[0];
    }

    /// <summary>
    /// Resamples the rows once and applies every resample to every column, so columns (targets) with the same values
    /// get the same distribution. A missing value (<see langword="null"/>) is skipped in that column's mean; a resample
    /// that draws no present value of a column is dropped for that column.
    /// </summary>
    /// <param name="columns">One list per column, each with one entry per row (all the same length).</param>
    /// <param name="resamples">The number of resamples.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Per column, the sorted resampled means.</returns>
    internal static double[][] SharedSortedMeans(IReadOnlyList<IReadOnlyList<double?>> columns, int resamples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        var n = columns.Count == 0 ? 0 : columns[0].Count;
        var rng = new SeededRandom(seed);
        var means = columns.Select(_ => new List<double>(resamples)).ToArray();
        var sums = new double[columns.Count];
        var counts = new int[columns.Count];
        for (var b = 0; b < resamples && n > 0; b++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var row = rng.NextInt(n);
                for (var c = 0; c < columns.Count; c++)
                {
                    if (columns[c][row] is { } v)
                    {
                        sums[c] += v;
                        counts[c]++;
                    }
                }
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (counts[c] > 0)
                {
                    means[c].Add(sums[c] / counts[c]);
                }
            }
        }

        return [.. means.Select(m =>
        {
            var sorted = m.ToArray();
            Array.Sort(sorted);
            return sorted;
        })];
    }

    /// <summary>The percentile interval at <paramref name="level"/> of a sorted bootstrap distribution.</summary>
    internal static ConfidenceInterval Interval(double[] sorted, double level)
    {
        var alpha = 1 - level;
        return new ConfidenceInterval(Quantile(sorted, alpha / 2), Quantile(sorted, 1 - (alpha / 2)), level);
    }

    /// <summary>
    /// The two-sided bootstrap p-value of "the mean equals <paramref name="value"/>", by inverting the percentile
    /// interval: <c>p = min(1, 2·min(#{θ* ≤ value}, #{θ* ≥ value}) / B)</c>.
    /// </summary>
    internal static double TwoSidedPValue(double[] sorted, double value)
    {
        var atOrBelow = CountAtOrBelow(sorted, value);
        var atOrAbove = sorted.Length - CountBelow(sorted, value);
        return Math.Min(1, 2.0 * Math.Min(atOrBelow, atOrAbove) / sorted.Length);
    }

    /// <summary>The one-sided bootstrap p-value of "the mean is at most <paramref name="value"/>": <c>#{θ* ≤ value} / B</c>.</summary>
    internal static double LowerTailPValue(double[] sorted, double value) => CountAtOrBelow(sorted, value) / (double)sorted.Length;

    /// <summary>Type-7 quantile of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static int CountAtOrBelow(double[] sorted, double value)
    {
        var count = 0;
        while (count < sorted.Length && sorted[count] <= value)
        {
            count++;
        }

        return count;
    }

    private static int CountBelow(double[] sorted, double value)
    {
        var count = 0;
        while (count < sorted.Length && sorted[count] < value)
        {
            count++;
        }

        return count;
    }

    private static double[] Differences(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
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

        return differences;
    }

    internal static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1.");
        }
    }
}
