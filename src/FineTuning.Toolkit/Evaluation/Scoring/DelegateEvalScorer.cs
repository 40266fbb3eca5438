using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>A custom scorer made from a delegate: <c>new DelegateEvalScorer("len-ok", (c, _) =&gt; ValueTask.FromResult(EvalScore.FromBoolean(c.Output.Length &lt; 200)))</c>.</summary>
public sealed class DelegateEvalScorer : IEvalScorer
{
    private readonly Func<EvalScoringContext, CancellationToken, ValueTask<EvalScore>> _score;

    /// <summary>Initializes a new instance of the <see cref="DelegateEvalScorer"/> class.</summary>
    /// <param name="name">The scorer name.</param>
    /// <param name="score">The scoring function.</param>
    public DelegateEvalScorer(string name, Func<EvalScoringContext, CancellationToken, ValueTask<EvalScore>> score)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(score);
        Name = name;
        _score = score;
    }

    /// <summary>Initializes a new instance of the <see cref="DelegateEvalScorer"/> class from a synchronous function.</summary>
    /// <param name="name">The scorer name.</param>
    /// <param name="score">The scoring function.</param>
    public DelegateEvalScorer(string name, Func<EvalScoringContext, EvalScore> score)
        : this(name, WrapSync(score))
    {
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _score(context, cancellationToken);
    }

    private static Func<EvalScoringContext, CancellationToken, ValueTask<EvalScore>> WrapSync(Func<EvalScoringContext, EvalScore> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return (c, _) => ValueTask.FromResult(score(c));
    }
}
