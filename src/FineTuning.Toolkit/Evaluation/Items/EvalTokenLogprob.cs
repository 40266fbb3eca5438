namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>The log probability of one generated token, with the most likely alternatives when the API returned them.</summary>
/// <param name="Token">The token text.</param>
/// <param name="Logprob">The natural-log probability of the token.</param>
/// <param name="TopAlternatives">The most likely tokens at this position (each with its log probability), or <see langword="null"/>.</param>
public sealed record EvalTokenLogprob(string Token, double Logprob, IReadOnlyList<EvalTokenLogprob>? TopAlternatives = null);
