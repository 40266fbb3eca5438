namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>The 2×2 paired pass/fail table and the exact McNemar p-value.</summary>
/// <param name="BothPassed">Items both targets passed.</param>
/// <param name="BaselineOnly">b: items only the baseline passed.</param>
/// <param name="CandidateOnly">c: items only the candidate passed.</param>
/// <param name="BothFailed">Items both targets failed.</param>
/// <param name="PValue">The exact two-sided p-value (see <see cref="McNemarTest"/>).</param>
public sealed record McNemarSummary(int BothPassed, int BaselineOnly, int CandidateOnly, int BothFailed, double PValue)
{
    /// <summary>Gets the mid-p value (the exact p minus half of the two-sided weight of the observed table; less conservative, see <see cref="McNemarTest.MidPValue"/>).</summary>
    public double MidPValue => McNemarTest.MidPValue(BaselineOnly, CandidateOnly);
}
