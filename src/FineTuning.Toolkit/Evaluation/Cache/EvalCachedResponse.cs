using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Cache;

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

    public static EvalCachedResponse From(EvalSampleResult result, DateTimeOffset now) => new()
    {
        Text = result.Output ?? string.Empty,
        FinishReason = result.FinishReason,
        ModelId = result.ModelId,
        InputTokens = result.InputTokens,
        OutputTokens = result.OutputTokens,
        LogProbabilities = result.Logprobs,
        LatencyMs = result.Latency?.TotalMilliseconds ?? 0,
        CreatedAt = now,
    };

    public EvalSampleResult ToResult(string itemId, string target, int sample) => new(itemId, target, sample)
    {
        Output = Text,
        FinishReason = FinishReason,
        ModelId = ModelId,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        Logprobs = LogProbabilities,
        Latency = TimeSpan.FromMilliseconds(LatencyMs),
        Cached = true,
    };
}
