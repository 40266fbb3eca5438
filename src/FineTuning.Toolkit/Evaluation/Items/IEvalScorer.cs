namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// Turns one model output into an <see cref="EvalScore"/>. Scorers are stateless with respect to items and safe to call
/// concurrently; the runner calls every configured scorer for every (item, target, sample) and stores the scores in
/// <see cref="EvalSampleResult.Scores"/> under <see cref="Name"/>.
/// </summary>
/// <remarks>
/// Deterministic scorers return values in 0..1 (1 best) and a <see cref="EvalScore.Passed"/> verdict where a threshold is
/// natural. A scorer that cannot score returns <see cref="EvalScore.Failed(string)"/> rather than throwing; exceptions are
/// reserved for cancellation and programming errors.
/// </remarks>
public interface IEvalScorer
{
    /// <summary>Gets the scorer's name, the key of its scores in results and reports (for example <c>exact</c>, <c>rougeL</c>).</summary>
    string Name { get; }

    /// <summary>Scores one output.</summary>
    /// <param name="context">The item, output, target and sample index.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The score.</returns>
    ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default);
}
