namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>How consistent one target's k samples of one item are.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Samples">The number of successful samples.</param>
/// <param name="MajorityAnswer">The most frequent answer (normalised), ties broken by ordinal order.</param>
/// <param name="MajorityCount">How many samples gave <paramref name="MajorityAnswer"/>.</param>
/// <param name="DistinctAnswers">The number of distinct answers.</param>
/// <param name="ScoreMean">The mean score over samples when a scorer was given, otherwise <see langword="null"/>.</param>
/// <param name="ScoreVariance">The sample variance (n − 1) of the scores when a scorer was given and k ≥ 2, otherwise <see langword="null"/>.</param>
public sealed record ItemConsistency(string ItemId, int Samples, string MajorityAnswer, int MajorityCount, int DistinctAnswers, double? ScoreMean, double? ScoreVariance)
{
    /// <summary>Gets the agreement rate: <c>MajorityCount / Samples</c> (1 = the same answer every run).</summary>
    public double AgreementRate => Samples == 0 ? 0 : MajorityCount / (double)Samples;
}
