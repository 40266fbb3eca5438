namespace FineTuning.Toolkit.Evaluation;

/// <summary>What the cache keeps of one model response.</summary>
internal sealed record EvalCachedResponse
{
    public required string Text { get; init; }
    public string? FinishReason { get; init; }
    public string? ModelId { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    public IReadOnlyList<EvalTokenLogprob>? LogProbabilities { get; init; }
    public double LatencyMs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
