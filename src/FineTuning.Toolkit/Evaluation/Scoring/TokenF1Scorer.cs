using System.Globalization;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// SQuAD-style token F1 between the output and the reference: both are normalised (case, punctuation, articles,
/// whitespace), split into tokens, and the multiset overlap gives precision, recall and F1 (the value).
/// </summary>
public sealed class TokenF1Scorer : IEvalScorer
{
    private readonly double? _threshold;

    /// <summary>Initializes a new instance of the <see cref="TokenF1Scorer"/> class.</summary>
    /// <param name="threshold">Pass when F1 ≥ threshold; <see langword="null"/> for no verdict.</param>
    /// <param name="name">The scorer name; defaults to <c>f1</c>.</param>
    public TokenF1Scorer(double? threshold = null, string? name = null)
    {
        _threshold = threshold;
        Name = name ?? "f1";
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

        var (p, r, f1) = TextOverlap.TokenF1(TextNormalizer.Tokenize(context.Output), TextNormalizer.Tokenize(reference));
        return ValueTask.FromResult(EvalScore.FromValue(f1, _threshold) with { Details = OverlapDetails(p, r) });
    }

    internal static IReadOnlyDictionary<string, string> OverlapDetails(double precision, double recall) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["precision"] = precision.ToString("0.####", CultureInfo.InvariantCulture),
            ["recall"] = recall.ToString("0.####", CultureInfo.InvariantCulture),
        };
}
