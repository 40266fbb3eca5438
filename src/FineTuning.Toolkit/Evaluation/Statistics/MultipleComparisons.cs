using System.Globalization;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Holm's step-down correction for a family of tests (several targets compared with one baseline, several scorers), so
/// the chance of at least one false "better" or "worse" stays at most α over the whole family.
/// </summary>
/// <remarks>
/// With <c>m</c> p-values sorted ascending <c>p₍₁₎ ≤ … ≤ p₍ₘ₎</c>, the adjusted p-values are
/// <c>p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎)</c>; a test is significant when <c>p̃ &lt; α</c>. Holm, S. (1979),
/// "A simple sequentially rejective multiple test procedure", <i>Scandinavian Journal of Statistics</i> 6(2), 65–70.
/// It controls the family-wise error rate under any dependence between the tests and is uniformly more powerful than
/// Bonferroni.
/// </remarks>
internal static class MultipleComparisons
{
    /// <summary>Holm-adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    /// <param name="pValues">The unadjusted p-values, each in [0, 1].</param>
    /// <returns>The adjusted p-values.</returns>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        foreach (var p in pValues)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "Every p-value must be in [0, 1].");
            }
        }

        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0d;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }

    /// <summary>
    /// Applies Holm's correction to a family of paired comparisons: the bootstrap p-values of the verdicts form one
    /// family and the non-inferiority p-values another. A "better" or "worse" verdict whose adjusted p-value is not below
    /// α = 1 − confidence level becomes "no significant difference", and non-inferiority needs its adjusted p-value below
    /// α too. With a single comparison nothing changes.
    /// </summary>
    /// <param name="comparisons">The comparisons of one report or command (targets × scorers).</param>
    /// <returns>The comparisons with <see cref="PairedComparisonResult.AdjustedPValue"/> and <see cref="PairedComparisonResult.FamilySize"/> set, in the same order.</returns>
    public static IReadOnlyList<PairedComparisonResult> ApplyHolm(IReadOnlyList<PairedComparisonResult> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var m = comparisons.Count;
        if (m < 2)
        {
            return [.. comparisons.Select(c => c with { FamilySize = m, AdjustedPValue = null })];
        }

        var adjusted = Holm([.. comparisons.Select(c => c.PValue ?? 1)]);
        var withMargin = comparisons.Select((c, i) => (c, i)).Where(x => x.c.NonInferiority is not null).ToList();
        var adjustedNi = Holm([.. withMargin.Select(x => x.c.NonInferiority!.PValue)]);
        var niByIndex = withMargin.Select((x, k) => (x.i, p: adjustedNi[k])).ToDictionary(x => x.i, x => x.p);
        var inv = CultureInfo.InvariantCulture;
        var result = new List<PairedComparisonResult>(m);
        for (var i = 0; i < m; i++)
        {
            var c = comparisons[i];
            var alpha = 1 - (c.DifferenceInterval?.Level ?? 0.95);
            var verdict = c.Verdict != ComparisonVerdict.NoSignificantDifference && !(adjusted[i] < alpha) ? ComparisonVerdict.NoSignificantDifference : c.Verdict;
            var reason = c.VerdictReason.TrimEnd('.');
            if (verdict != c.Verdict)
            {
                var colon = reason.IndexOf(": ", StringComparison.Ordinal);
                var details = colon < 0 ? reason : reason[(colon + 2)..];
                reason = string.Create(inv, $"No significant difference after Holm correction over {m} comparisons: {details}; uncorrected it would be {(c.Verdict == ComparisonVerdict.Better ? "better" : "worse")} (p {PText(c.PValue ?? 1)}), Holm-adjusted p {PText(adjusted[i])}");
            }
            else
            {
                reason += string.Create(inv, $"; Holm-adjusted p {PText(adjusted[i])} over {m} comparisons");
            }

            var ni = c.NonInferiority;
            if (ni is not null)
            {
                var p = niByIndex[i];
                var shown = ni.IsNonInferior && p < 1 - ni.Level;
                if (shown != ni.IsNonInferior)
                {
                    reason += string.Create(inv, $"; non-inferiority not shown after Holm correction (p = {ni.PValue:0.####}, Holm p = {p:0.####})");
                }

                ni = ni with { AdjustedPValue = p, IsNonInferior = shown };
            }

            result.Add(c with { Verdict = verdict, VerdictReason = reason + ".", AdjustedPValue = adjusted[i], FamilySize = m, NonInferiority = ni });
        }

        return result;
    }

    /// <summary>A p-value as reports show it: "0.0123", or "&lt; 0.0001" where four decimals would show 0 (the one format; reports call it too).</summary>
    internal static string FormatP(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"= 0.0123" or "&lt; 0.0001", for "p …" in a sentence.</summary>
    private static string PText(double p) => p < 0.0001 ? FormatP(p) : "= " + FormatP(p);
}
