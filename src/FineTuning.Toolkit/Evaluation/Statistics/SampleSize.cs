namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// How many paired items are needed to detect an effect with a two-sided test at level α and the given power.
/// </summary>
/// <remarks>
/// <para>Paired proportions (McNemar; Connor 1987): with discordant proportion ψ = p10 + p01 and effect δ = p01 − p10,
/// <c>n = ( z_{1−α/2}·√ψ + z_{1−β}·√(ψ − δ²) )² / δ²</c>.</para>
/// <para>Paired means (normal approximation to the paired t-test): with σ_d the standard deviation of per-item
/// differences, <c>n = ( (z_{1−α/2} + z_{1−β}) · σ_d / δ )²</c>. The t-test needs slightly more for small n (about
/// <c>+ z²_{1−α/2}/2</c>); the approximation is good above ~30 items.</para>
/// Both round up.
/// </remarks>
internal static class SampleSize
{
    /// <summary>Items needed to detect a difference of <paramref name="effect"/> in pass rate between paired targets.</summary>
    /// <param name="discordantRate">ψ: the expected fraction of items on which the two targets disagree (p10 + p01), in (0, 1].</param>
    /// <param name="effect">δ: the pass-rate difference to detect (p01 − p10), with 0 &lt; |δ| ≤ ψ.</param>
    /// <param name="alpha">The two-sided significance level.</param>
    /// <param name="power">The power (1 − β).</param>
    /// <returns>The number of items (rounded up).</returns>
    public static int PairedProportions(double discordantRate, double effect, double alpha = 0.05, double power = 0.8)
    {
        var d = Math.Abs(effect);
        if (!(discordantRate > 0 && discordantRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(discordantRate), discordantRate, "The discordant rate must be in (0, 1].");
        }

        if (!(d > 0 && d <= discordantRate))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The effect must be non-zero and at most the discordant rate.");
        }

        var (za, zb) = Z(alpha, power);
        var root = (za * Math.Sqrt(discordantRate)) + (zb * Math.Sqrt(discordantRate - (d * d)));
        return (int)Math.Ceiling(root * root / (d * d));
    }

    /// <summary>Items needed to detect a mean paired difference of <paramref name="effect"/>.</summary>
    /// <param name="standardDeviationOfDifferences">σ_d, the standard deviation of per-item differences (&gt; 0).</param>
    /// <param name="effect">δ, the mean difference to detect (non-zero).</param>
    /// <param name="alpha">The two-sided significance level.</param>
    /// <param name="power">The power (1 − β).</param>
    /// <returns>The number of items (rounded up).</returns>
    public static int PairedMeans(double standardDeviationOfDifferences, double effect, double alpha = 0.05, double power = 0.8)
    {
        if (!(standardDeviationOfDifferences > 0) || !double.IsFinite(standardDeviationOfDifferences))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviationOfDifferences), standardDeviationOfDifferences, "The standard deviation must be positive.");
        }

        if (effect == 0 || !double.IsFinite(effect))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The effect must be non-zero.");
        }

        var (za, zb) = Z(alpha, power);
        var root = (za + zb) * standardDeviationOfDifferences / Math.Abs(effect);
        return (int)Math.Ceiling(root * root);
    }

    private static (double Za, double Zb) Z(double alpha, double power)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1).");
        }

        if (!(power > 0 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "Power must be in (0, 1).");
        }

        return (NormalDistribution.Quantile(1 - (alpha / 2)), NormalDistribution.Quantile(power));
    }
}
