using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>Passes when the output is valid JSON (one surrounding Markdown code fence is tolerated).</summary>
public sealed class JsonValidScorer : IEvalScorer
{
    /// <summary>Initializes a new instance of the <see cref="JsonValidScorer"/> class.</summary>
    /// <param name="name">The scorer name; defaults to <c>json</c>.</param>
    public JsonValidScorer(string? name = null) => Name = name ?? "json";

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ok = JsonOutput.TryParse(context.Output, out var document, out var error);
        document?.Dispose();
        return ValueTask.FromResult(EvalScore.FromBoolean(ok, error));
    }
}
