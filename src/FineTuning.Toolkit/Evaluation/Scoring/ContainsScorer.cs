using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Passes when the output contains a fixed text, or the item's reference when no text is given. Comparison is
/// case-insensitive with whitespace collapsed unless <c>caseSensitive</c> is set.
/// </summary>
public sealed class ContainsScorer : IEvalScorer
{
    private readonly string? _expected;
    private readonly bool _caseSensitive;

    /// <summary>Initializes a new instance of the <see cref="ContainsScorer"/> class.</summary>
    /// <param name="expected">The text to look for; <see langword="null"/> to use each item's reference.</param>
    /// <param name="caseSensitive">Whether the comparison is ordinal (no folding).</param>
    /// <param name="name">The scorer name; defaults to <c>contains</c>.</param>
    public ContainsScorer(string? expected = null, bool caseSensitive = false, string? name = null)
    {
        if (expected is not null && expected.Length == 0)
        {
            throw new ArgumentException("The text to look for must not be empty.", nameof(expected));
        }

        _expected = expected;
        _caseSensitive = caseSensitive;
        Name = name ?? "contains";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expected = _expected ?? context.Item.Reference;
        if (string.IsNullOrWhiteSpace(expected))
        {
            return ValueTask.FromResult(EvalScore.Failed($"Item '{context.Item.Id}' has no reference and the scorer has no fixed text."));
        }

        var found = _caseSensitive
            ? context.Output.Contains(expected, StringComparison.Ordinal)
            : TextNormalizer.Fold(context.Output).Contains(TextNormalizer.Fold(expected), StringComparison.Ordinal);
        return ValueTask.FromResult(EvalScore.FromBoolean(found));
    }
}
