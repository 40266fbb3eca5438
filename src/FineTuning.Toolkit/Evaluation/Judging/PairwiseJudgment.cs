namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>
/// The pairwise verdict on one item. The judge saw both orders (A first, then B first) in each repetition; votes are
/// counted after mapping positions back to A/B.
/// </summary>
/// <param name="ItemId">The item.</param>
/// <param name="Outcome">The overall verdict: the side with more votes, a tie otherwise.</param>
/// <param name="VotesA">Judgments preferring A.</param>
/// <param name="VotesB">Judgments preferring B.</param>
/// <param name="VotesTie">Judgments calling a tie.</param>
/// <param name="Unparsed">Judge replies with no readable verdict.</param>
/// <param name="SwapPairs">Repetitions in which both orders were judged and parsed.</param>
/// <param name="Flips">Of those, how many changed verdict when the order was swapped (position bias).</param>
public sealed record PairwiseJudgment(string ItemId, PairwiseOutcome Outcome, int VotesA, int VotesB, int VotesTie, int Unparsed, int SwapPairs, int Flips);
