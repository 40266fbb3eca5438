namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// The words characteristic of a training set, found by the log-odds ratio with an informative Dirichlet prior
/// (Monroe, Colaresi and Quinn 2008) between the training assistant text and a general baseline text.
/// </summary>
/// <remarks>
/// <para>With y_w the count of word w and n the total count in training (T) and baseline (B), the prior
/// α_w = α₀·(y_w^T + y_w^B)/(n^T + n^B) (α₀ = <c>priorStrength</c>; by default 10% of all counted words, between 1 and 1,000, so the prior neither swamps a small corpus nor vanishes in a large one), the log-odds difference is
/// <c>δ_w = ln((y_w^T+α_w)/(n^T+α₀−y_w^T−α_w)) − ln((y_w^B+α_w)/(n^B+α₀−y_w^B−α_w))</c>, its variance
/// ≈ <c>1/(y_w^T+α_w) + 1/(y_w^B+α_w)</c>, and the z-score <c>δ_w/√variance</c>. Words with z ≥ <c>minimumZ</c>
/// (default 1.96) and at least <c>minimumCount</c> training occurrences (default 3) are domain terms, at most
/// <c>maxTerms</c> (default 200), highest z first.</para>
/// <para>Words are normalised tokens of 3+ characters, not numbers and not stop words. Only word counts are kept,
/// so the training text can be streamed. A good baseline is the base model's answers to the general prompts plus
/// any general text you have; the prompts themselves are always added.</para>
/// </remarks>
public sealed class DomainVocabulary
{
    private readonly Dictionary<string, DomainTerm> _terms;

    private DomainVocabulary(IReadOnlyList<DomainTerm> terms)
    {
        Terms = terms;
        _terms = terms.ToDictionary(t => t.Word, StringComparer.Ordinal);
    }

    /// <summary>Gets the domain terms, most characteristic first.</summary>
    public IReadOnlyList<DomainTerm> Terms { get; }

    /// <summary>Gets a value indicating whether <paramref name="word"/> (normalised) is a domain term.</summary>
    /// <param name="word">The word.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string word) => _terms.ContainsKey(word);

    /// <summary>Builds the vocabulary from streamed training text and in-memory baseline text.</summary>
    /// <param name="trainingTexts">The training set's assistant texts (streamed).</param>
    /// <param name="baselineTexts">General text: base-model answers to general prompts, the prompts, other general prose.</param>
    /// <param name="maxTerms">The most terms kept.</param>
    /// <param name="minimumZ">The smallest z-score kept.</param>
    /// <param name="minimumCount">The fewest training occurrences kept.</param>
    /// <param name="priorStrength">α₀, the prior's total pseudo-count; <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The vocabulary.</returns>
    public static async Task<DomainVocabulary> BuildAsync(
        IAsyncEnumerable<string> trainingTexts,
        IEnumerable<string> baselineTexts,
        int maxTerms = 200,
        double minimumZ = 1.96,
        int minimumCount = 3,
        double? priorStrength = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        ArgumentNullException.ThrowIfNull(baselineTexts);
        var training = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var text in trainingTexts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Count(training, text);
        }

        var baseline = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in baselineTexts)
        {
            Count(baseline, text);
        }

        return FromCounts(training, baseline, maxTerms, minimumZ, minimumCount, priorStrength);
    }

    /// <summary>Builds the vocabulary from in-memory texts.</summary>
    /// <param name="trainingTexts">The training set's assistant texts.</param>
    /// <param name="baselineTexts">General baseline text.</param>
    /// <param name="maxTerms">The most terms kept.</param>
    /// <param name="minimumZ">The smallest z-score kept.</param>
    /// <param name="minimumCount">The fewest training occurrences kept.</param>
    /// <param name="priorStrength">α₀; <see langword="null"/> for the default.</param>
    /// <returns>The vocabulary.</returns>
    public static DomainVocabulary Build(IEnumerable<string> trainingTexts, IEnumerable<string> baselineTexts, int maxTerms = 200, double minimumZ = 1.96, int minimumCount = 3, double? priorStrength = null)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        ArgumentNullException.ThrowIfNull(baselineTexts);
        var training = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in trainingTexts)
        {
            Count(training, text);
        }

        var baseline = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in baselineTexts)
        {
            Count(baseline, text);
        }

        return FromCounts(training, baseline, maxTerms, minimumZ, minimumCount, priorStrength);
    }

    /// <summary>The z-score of one word (exposed for tests).</summary>
    internal static double ZScore(long yT, long nT, long yB, long nB, double priorStrength)
    {
        var alpha = priorStrength * (yT + yB) / (nT + nB);
        var deltaT = Math.Log((yT + alpha) / (nT + priorStrength - yT - alpha));
        var deltaB = Math.Log((yB + alpha) / (nB + priorStrength - yB - alpha));
        var variance = (1 / (yT + alpha)) + (1 / (yB + alpha));
        return (deltaT - deltaB) / Math.Sqrt(variance);
    }

    private static DomainVocabulary FromCounts(Dictionary<string, long> training, Dictionary<string, long> baseline, int maxTerms, double minimumZ, int minimumCount, double? priorStrength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        var nT = training.Values.Sum();
        var nB = baseline.Values.Sum();
        var alpha0 = priorStrength ?? Math.Clamp(0.1 * (nT + nB), 1, 1000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha0);
        if (nT == 0)
        {
            return new DomainVocabulary([]);
        }

        var terms = training
            .Where(p => p.Value >= minimumCount)
            .Select(p =>
            {
                var yB = baseline.GetValueOrDefault(p.Key);
                return new DomainTerm(p.Key, p.Value, yB, ZScore(p.Value, nT, yB, Math.Max(nB, 1), alpha0));
            })
            .Where(t => t.ZScore >= minimumZ)
            .OrderByDescending(t => t.ZScore)
            .ThenBy(t => t.Word, StringComparer.Ordinal)
            .Take(maxTerms)
            .ToList();
        return new DomainVocabulary(terms);
    }

    private static void Count(Dictionary<string, long> counts, string text)
    {
        foreach (var word in LexicalMeasures.ContentWords(text))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }
    }

    internal static IEnumerable<string> Words(string text) => LexicalMeasures.ContentWords(text);
}
