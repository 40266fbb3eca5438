namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Intervals and tests on binomial proportions: the Wilson score interval for one rate, and the Price–Bonett adjusted
/// Wald test for a linear contrast of independent proportions (used for the change in a between-group gap).
/// </summary>
/// <remarks>
/// <para>Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22:209–212:
/// with p̂ = x/n and z the two-sided normal quantile, the interval is
/// <c>(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)</c>. It stays inside [0, 1] and keeps its coverage near 0 and 1,
/// where the Wald interval collapses (Brown, Cai and DasGupta 2001, Statistical Science 16:101–133).</para>
/// <para>Price and Bonett (2004), "An improved confidence interval for a linear function of binomial proportions",
/// Computational Statistics &amp; Data Analysis 45:449–456: for a contrast Σ cᵢpᵢ over m proportions with non-zero
/// coefficients, add 2/m successes and 4/m trials to each (p̃ᵢ = (xᵢ + 2/m)/(nᵢ + 4/m)); the estimate is Σ cᵢp̃ᵢ, its standard
/// error √Σ cᵢ²p̃ᵢ(1−p̃ᵢ)/(nᵢ + 4/m), and z = estimate / SE. For the change in a gap, m = 4 and c = (+1, −1, −1, +1).</para>
/// </remarks>
internal static class Proportions
{
    /// <summary>The Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    public static ConfidenceInterval Wilson(double successes, int trials, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        var z = NormalDistribution.Quantile(1 - ((1 - level) / 2));
        var n = (double)trials;
        var p = successes / n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / denominator;
        return new ConfidenceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half), level);
    }

    /// <summary>
    /// The Price–Bonett adjusted Wald test of a linear contrast Σ cᵢpᵢ of independent proportions (xᵢ successes out of nᵢ).
    /// </summary>
    /// <returns>The adjusted estimate, its standard error, the two-sided p-value of "contrast = 0" and the interval.</returns>
    public static (double Estimate, double StandardError, double PValue, ConfidenceInterval Interval) ContrastTest(IReadOnlyList<(double Coefficient, double Successes, int Trials)> terms, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var m = terms.Count(t => t.Coefficient != 0);
        if (m == 0 || terms.Any(t => t.Trials < 1))
        {
            throw new ArgumentException("A contrast needs at least one non-zero coefficient and every proportion at least one trial.", nameof(terms));
        }

        double estimate = 0, variance = 0;
        foreach (var (c, x, n) in terms)
        {
            var adjustedTrials = n + (4.0 / m);
            var p = (x + (2.0 / m)) / adjustedTrials;
            estimate += c * p;
            variance += c * c * p * (1 - p) / adjustedTrials;
        }

        var se = Math.Sqrt(variance);
        var zLevel = NormalDistribution.Quantile(1 - ((1 - level) / 2));
        var pValue = se > 0 ? 2 * NormalDistribution.UpperTail(Math.Abs(estimate) / se) : (estimate == 0 ? 1 : 0);
        return (estimate, se, Math.Min(1, pValue), new ConfidenceInterval(estimate - (zLevel * se), estimate + (zLevel * se), level));
    }
}
