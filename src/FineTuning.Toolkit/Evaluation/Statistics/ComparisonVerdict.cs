namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>The outcome of comparing a candidate target with a baseline.</summary>
public enum ComparisonVerdict
{
    /// <summary>The confidence interval of the mean difference includes zero (or there are too few paired items).</summary>
    NoSignificantDifference = 0,

    /// <summary>The candidate scores higher: the whole interval of <c>candidate − baseline</c> is above zero.</summary>
    Better = 1,

    /// <summary>The candidate scores lower: the whole interval of <c>candidate − baseline</c> is below zero.</summary>
    Worse = 2,
}
