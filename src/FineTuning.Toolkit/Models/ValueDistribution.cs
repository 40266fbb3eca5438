namespace FineTuning.Toolkit.Models;

/// <summary>The distribution of one per-example value (tokens, messages) over a dataset. Percentiles are exact, with linear
/// interpolation between the two closest ranks (the default of numpy's <c>percentile</c>).</summary>
public sealed record ValueDistribution
{
    /// <summary>Gets the distribution of an empty dataset (every value 0).</summary>
    public static ValueDistribution Empty { get; } = new();

    /// <summary>Gets the number of values.</summary>
    public long Count { get; init; }

    /// <summary>Gets the smallest value.</summary>
    public long Min { get; init; }

    /// <summary>Gets the 5th percentile.</summary>
    public double P5 { get; init; }

    /// <summary>Gets the median.</summary>
    public double P50 { get; init; }

    /// <summary>Gets the 95th percentile.</summary>
    public double P95 { get; init; }

    /// <summary>Gets the largest value.</summary>
    public long Max { get; init; }

    /// <summary>Gets the mean.</summary>
    public double Mean { get; init; }

    /// <summary>Computes the distribution of <paramref name="values"/>.</summary>
    /// <param name="values">The values, in any order (the span is sorted in place).</param>
    /// <returns>The distribution.</returns>
    public static ValueDistribution FromUnsorted(Span<int> values)
    {
        if (values.IsEmpty) return Empty;
        values.Sort();
        long sum = 0;
        foreach (var v in values) sum += v;
        ReadOnlySpan<int> sorted = values;
        return new ValueDistribution
        {
            Count = sorted.Length,
            Min = sorted[0],
            P5 = Percentile(sorted, 0.05),
            P50 = Percentile(sorted, 0.50),
            P95 = Percentile(sorted, 0.95),
            Max = sorted[^1],
            Mean = (double)sum / sorted.Length,
        };
    }

    /// <summary>Returns the <paramref name="fraction"/> percentile of ascending <paramref name="sorted"/> values, interpolating linearly.</summary>
    /// <param name="sorted">The values in ascending order; not empty.</param>
    /// <param name="fraction">The percentile as a fraction between 0 and 1 (0.95 for p95).</param>
    /// <returns>The percentile.</returns>
    /// <exception cref="ArgumentException"><paramref name="sorted"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1].</exception>
    public static double Percentile(ReadOnlySpan<int> sorted, double fraction)
    {
        if (sorted.IsEmpty) throw new ArgumentException("At least one value is needed.", nameof(sorted));
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Use a fraction between 0 and 1.");
        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((double)sorted[upper] - sorted[lower]) * (position - lower);
    }
}
