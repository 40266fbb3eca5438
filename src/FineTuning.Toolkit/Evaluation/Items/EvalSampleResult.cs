namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// The result of one model call in an evaluation: one (item, target, sample) triple with the output, its scores,
/// token usage and latency, or the error that prevented an output.
/// </summary>
/// <remarks>
/// The runner produces one result per item, target and sample index (0..k-1 when each item is sampled k times).
/// A result with <see cref="Error"/> set has no meaningful <see cref="Output"/>; statistics treat it as missing, never as a
/// zero score, and reports count errors separately.
/// </remarks>
public sealed record EvalSampleResult
{
    /// <summary>Initializes a new instance of the <see cref="EvalSampleResult"/> class.</summary>
    /// <param name="itemId">The <see cref="EvalItem.Id"/> of the item.</param>
    /// <param name="target">The name of the target that produced the output.</param>
    /// <param name="sampleIndex">The zero-based sample index.</param>
    /// <exception cref="ArgumentException"><paramref name="itemId"/> or <paramref name="target"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleIndex"/> is negative.</exception>
    public EvalSampleResult(string itemId, string target, int sampleIndex = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIndex);
        ItemId = itemId;
        Target = target;
        SampleIndex = sampleIndex;
    }

    /// <summary>Gets the <see cref="EvalItem.Id"/> of the item.</summary>
    public string ItemId { get; }

    /// <summary>Gets the name of the target that produced the output.</summary>
    public string Target { get; private init; }

    /// <summary>Gets the zero-based sample index.</summary>
    public int SampleIndex { get; }

    /// <summary>The same result under another target name (a run compared or migrated under a new name); every other field is kept.</summary>
    /// <param name="target">The new target name.</param>
    /// <returns>The copy.</returns>
    internal EvalSampleResult WithTarget(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return this with { Target = target };
    }

    /// <summary>Gets the text the model produced, or <see langword="null"/> when the call failed.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the scores by scorer name (<see cref="IEvalScorer.Name"/>). Empty when no scorer ran.</summary>
    public IReadOnlyDictionary<string, EvalScore> Scores { get; init; } = new Dictionary<string, EvalScore>(StringComparer.Ordinal);

    /// <summary>Gets the model id the service reported for this call, or <see langword="null"/>.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the finish reason the service reported (for example <c>stop</c>, <c>length</c>), or <see langword="null"/>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the number of input (prompt) tokens billed, or <see langword="null"/> when unknown.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the number of output (completion) tokens billed, or <see langword="null"/> when unknown.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the wall-clock latency of the call, or <see langword="null"/> when unknown (for example when served from a cache or a batch).</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Gets a value indicating whether the output was served from a cache instead of a fresh call.</summary>
    public bool Cached { get; init; }

    /// <summary>Gets the per-token log probabilities of <see cref="Output"/>, or <see langword="null"/>.</summary>
    public IReadOnlyList<EvalTokenLogprob>? Logprobs { get; init; }

    /// <summary>Gets why the call produced no output (service error, timeout, content filter), or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the call succeeded (no <see cref="Error"/>).</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets the score of the scorer named <paramref name="scorer"/>, or <see langword="null"/> when absent.</summary>
    /// <param name="scorer">The scorer name.</param>
    /// <returns>The score or <see langword="null"/>.</returns>
    public EvalScore? GetScore(string scorer) => Scores.TryGetValue(scorer, out var s) ? s : null;
}
