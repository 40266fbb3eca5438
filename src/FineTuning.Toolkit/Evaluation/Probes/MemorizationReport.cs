namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>Verbatim reproduction of training answers by one target on memorisation probes.</summary>
/// <param name="Target">The target.</param>
/// <param name="Outputs">Outputs measured.</param>
/// <param name="VerbatimRate">Fraction of outputs flagged as verbatim reproduction.</param>
/// <param name="MeanLongestCommonRun">Mean longest common token run with the training answer, as a fraction of the answer's length.</param>
/// <param name="MeanNGramOverlap">Mean fraction of the output's n-grams that occur in the training answer.</param>
/// <param name="NGramSize">The n of the n-gram overlap.</param>
public sealed record MemorizationReport(string Target, int Outputs, double VerbatimRate, double MeanLongestCommonRun, double MeanNGramOverlap, int NGramSize);
