using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>A scorer under another name (<c>NAME=SPEC</c>), so the same scorer can run twice with different arguments.</summary>
internal sealed class NamedEvalScorer(string name, IEvalScorer inner) : IEvalScorer
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>Gets the scorer that does the work.</summary>
    public IEvalScorer Inner { get; } = inner;

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default) => Inner.ScoreAsync(context, cancellationToken);
}
