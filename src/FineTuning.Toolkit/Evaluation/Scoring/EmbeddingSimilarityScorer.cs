using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Cosine similarity between the embeddings of the output and of the reference, from any
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. The value is the cosine clipped to [0, 1]
/// (negative similarity counts as 0); passes when it reaches the threshold, if one is given.
/// </summary>
public sealed class EmbeddingSimilarityScorer : IEvalScorer
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly double? _threshold;

    /// <summary>Initializes a new instance of the <see cref="EmbeddingSimilarityScorer"/> class.</summary>
    /// <param name="generator">The embedding generator.</param>
    /// <param name="threshold">Pass when similarity ≥ threshold; <see langword="null"/> for no verdict.</param>
    /// <param name="name">The scorer name; defaults to <c>embedding</c>.</param>
    public EmbeddingSimilarityScorer(IEmbeddingGenerator<string, Embedding<float>> generator, double? threshold = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _generator = generator;
        _threshold = threshold;
        Name = name ?? "embedding";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Item.Reference is not { } reference)
        {
            return EvalScore.Failed($"Item '{context.Item.Id}' has no reference to compare with.");
        }

        if (string.IsNullOrWhiteSpace(context.Output))
        {
            return EvalScore.FromValue(0, _threshold, "The output is empty.");
        }

        var embeddings = await _generator.GenerateAsync([context.Output, reference], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != 2)
        {
            return EvalScore.Failed($"The embedding generator returned {embeddings.Count} vectors for 2 inputs.");
        }

        var cosine = Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        return cosine is { } c
            ? EvalScore.FromValue(Math.Clamp(c, 0, 1), _threshold) with { Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["cosine"] = c.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) } }
            : EvalScore.Failed("An embedding has zero length or the dimensions differ.");
    }

    /// <summary>Cosine similarity, or <see langword="null"/> when a vector is zero or the dimensions differ.</summary>
    internal static double? Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return null;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? null : dot / Math.Sqrt(na * nb);
    }
}
