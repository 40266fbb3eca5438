namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>Which of two responses a pairwise judge preferred, after position swapping.</summary>
public enum PairwiseOutcome
{
    /// <summary>Neither: equal votes, or the judge flipped with the order.</summary>
    Tie = 0,

    /// <summary>The first target's response (A) won.</summary>
    AWins = 1,

    /// <summary>The second target's response (B) won.</summary>
    BWins = 2,
}
