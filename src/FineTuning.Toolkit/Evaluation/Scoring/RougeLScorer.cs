using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// ROUGE-L between the output and the reference on normalised tokens (articles kept): with LCS the longest common
/// subsequence, precision = LCS/|output|, recall = LCS/|reference|, value = F1 = 2PR/(P+R) (β = 1).
/// </summary>
public sealed class RougeLScorer : IEvalScorer
{
    private readonly double? _threshold;

    /// <summary>Initializes a new instance of the <see cref="RougeLScorer"/> class.</summary>
    /// <param name="threshold">Pass when the F1 ≥ threshold; <see langword="null"/> for no verdict.</param>
    /// <param name="name">The scorer name; defaults to <c>rougeL</c>.</param>
    public RougeLScorer(double? threshold = null, string? name = null)
    {
        _threshold = threshold;
        Name = name ?? "rougeL";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Item.Reference is not { } reference)
        {
            return ValueTask.FromResult(EvalScore.Failed($"Item '{context.Item.Id}' has no reference to compare with."));
        }

        var (p, r, f1) = TextOverlap.RougeL(TextNormalizer.Tokenize(context.Output, dropArticles: false), TextNormalizer.Tokenize(reference, dropArticles: false));
        return ValueTask.FromResult(EvalScore.FromValue(f1, _threshold) with { Details = TokenF1Scorer.OverlapDetails(p, r) });
    }
}
