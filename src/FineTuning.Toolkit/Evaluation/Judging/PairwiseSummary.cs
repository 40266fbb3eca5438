namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>Pairwise judge results over a set of items.</summary>
/// <param name="TargetA">The first target's name.</param>
/// <param name="TargetB">The second target's name.</param>
/// <param name="WinsA">Items where A won.</param>
/// <param name="WinsB">Items where B won.</param>
/// <param name="Ties">Items judged a tie.</param>
/// <param name="FlipRate">Flips / swap pairs over all items: how often the judge's verdict depends on position (0 = none).</param>
/// <param name="SignTestPValue">Exact two-sided sign test of A-wins vs B-wins (ties dropped), the same binomial as McNemar.</param>
public sealed record PairwiseSummary(string TargetA, string TargetB, int WinsA, int WinsB, int Ties, double FlipRate, double SignTestPValue)
{
    /// <summary>Gets the judge verdicts that could not be parsed (counted as neither win).</summary>
    public int Unparsed { get; init; }

    /// <summary>Gets how many times each order was judged.</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>Gets the swapped pairs the flip rate is computed over.</summary>
    public int SwapPairs { get; init; }
}
