using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Passes when the output equals the item's reference. <see cref="Normalize"/> selects the comparison: ordinal after
/// trimming (<c>exact</c>), or after <see cref="TextNormalizer"/> normalisation (<c>normalized-exact</c>: case,
/// punctuation, articles and whitespace ignored).
/// </summary>
public sealed class ExactMatchScorer : IEvalScorer
{
    /// <summary>Initializes a new instance of the <see cref="ExactMatchScorer"/> class.</summary>
    /// <param name="normalize">Whether to compare normalised text instead of trimmed text.</param>
    /// <param name="name">The scorer name; defaults to <c>exact</c> or <c>normalized-exact</c>.</param>
    public ExactMatchScorer(bool normalize = false, string? name = null)
    {
        Normalize = normalize;
        Name = name ?? (normalize ? "normalized-exact" : "exact");
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets a value indicating whether text is normalised before comparison.</summary>
    public bool Normalize { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Item.Reference is not { } reference)
        {
            return ValueTask.FromResult(EvalScore.Failed($"Item '{context.Item.Id}' has no reference to compare with."));
        }

        var equal = Normalize
            ? string.Equals(TextNormalizer.NormalizeAnswer(context.Output), TextNormalizer.NormalizeAnswer(reference), StringComparison.Ordinal)
            : string.Equals(context.Output.Trim(), reference.Trim(), StringComparison.Ordinal);
        return ValueTask.FromResult(EvalScore.FromBoolean(equal));
    }
}
