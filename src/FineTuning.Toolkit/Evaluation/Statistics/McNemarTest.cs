namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Exact McNemar test for paired pass/fail outcomes. Only discordant items carry information:
/// <c>b</c> = baseline passed and candidate failed, <c>c</c> = baseline failed and candidate passed.
/// Under H0 (both equally good) <c>b ~ Binomial(b + c, 1/2)</c>; the two-sided p-value is
/// <c>p = min(1, 2 · Σ_{i=0}^{min(b,c)} C(b+c, i) / 2^(b+c))</c>.
/// </summary>
internal static class McNemarTest
{
    /// <summary>Computes the exact two-sided p-value.</summary>
    /// <param name="baselineOnly">b: items the baseline passed and the candidate failed.</param>
    /// <param name="candidateOnly">c: items the candidate passed and the baseline failed.</param>
    /// <returns>The p-value (1 when there are no discordant items).</returns>
    public static double ExactPValue(int baselineOnly, int candidateOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baselineOnly);
        ArgumentOutOfRangeException.ThrowIfNegative(candidateOnly);
        var n = baselineOnly + candidateOnly;
        if (n == 0)
        {
            return 1d;
        }

        return Math.Min(1d, 2 * LowerTail(n, Math.Min(baselineOnly, candidateOnly)));
    }

    /// <summary>
    /// Computes the mid-p McNemar value: the exact two-sided p minus the probability of the observed count,
    /// <c>p_mid = 2·(P(X ≤ k) − P(X = k)/2) = min(1, 2·Σ_{i≤k} C(n,i)/2ⁿ − C(n,k)/2ⁿ)</c>. Fagerland, Lydersen and Laake (2013), "The McNemar test for
    /// binary matched-pairs data: mid-p and asymptotic are better than exact conditional", BMC Medical Research
    /// Methodology 13:91: the exact test is conservative; mid-p keeps the level closer to nominal.
    /// </summary>
    /// <param name="baselineOnly">b.</param>
    /// <param name="candidateOnly">c.</param>
    /// <returns>The mid-p value (1 when there are no discordant items).</returns>
    public static double MidPValue(int baselineOnly, int candidateOnly)
    {
        var n = baselineOnly + candidateOnly;
        if (n == 0)
        {
            return 1d;
        }

        var k = Math.Min(baselineOnly, candidateOnly);
        var tail = LowerTail(n, k);

        // p_mid = 2·(P(X ≤ k) − P(X = k)/2); with b = c this is exactly 1.
        var point = Math.Exp(LogChoose(n, k) - (n * Math.Log(2)));
        return Math.Min(1d, (2 * tail) - point);
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so large n neither overflows nor underflows early.</summary>
    private static double LowerTail(int n, int k)
    {
        var tail = 0d;
        for (var i = 0; i <= k; i++)
        {
            tail += Math.Exp(LogChoose(n, i) - (n * Math.Log(2)));
        }

        return tail;
    }

    internal static double LogChoose(int n, int k)
    {
        var result = 0d;
        k = Math.Min(k, n - k);
        for (var i = 1; i <= k; i++)
        {
            result += Math.Log(n - k + i) - Math.Log(i);
        }

        return result;
    }
}
