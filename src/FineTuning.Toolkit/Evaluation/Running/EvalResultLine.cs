using System.Text.Json.Serialization;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>The on-disk shape of one <see cref="EvalSampleResult"/> in a run's <c>results.jsonl</c> (snake_case, latency in ms).</summary>
internal sealed record EvalResultLine
{
    [JsonPropertyName("item_id")]
    public required string ItemId { get; init; }

    public required string Target { get; init; }

    public int Sample { get; init; }

    public string? Output { get; init; }

    public string? Model { get; init; }

    public string? FinishReason { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public double? LatencyMs { get; init; }

    public bool Cached { get; init; }

    public string? Error { get; init; }

    public Dictionary<string, EvalScore>? Scores { get; init; }

    public List<EvalTokenLogprob>? Logprobs { get; init; }

    public static EvalResultLine From(EvalSampleResult r) => new()
    {
        ItemId = r.ItemId,
        Target = r.Target,
        Sample = r.SampleIndex,
        Output = r.Output,
        Model = r.ModelId,
        FinishReason = r.FinishReason,
        InputTokens = r.InputTokens,
        OutputTokens = r.OutputTokens,
        LatencyMs = r.Latency?.TotalMilliseconds,
        Cached = r.Cached,
        Error = r.Error,
        Scores = r.Scores.Count == 0 ? null : new Dictionary<string, EvalScore>(r.Scores, StringComparer.Ordinal),
        Logprobs = r.Logprobs is null ? null : [.. r.Logprobs],
    };

    public EvalSampleResult ToResult() => new(ItemId, Target, Sample)
    {
        Output = Output,
        ModelId = Model,
        FinishReason = FinishReason,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        Latency = LatencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Cached = Cached,
        Error = Error,
        Scores = Scores is null ? new Dictionary<string, EvalScore>(StringComparer.Ordinal) : new Dictionary<string, EvalScore>(Scores, StringComparer.Ordinal),
        Logprobs = Logprobs,
    };
}
