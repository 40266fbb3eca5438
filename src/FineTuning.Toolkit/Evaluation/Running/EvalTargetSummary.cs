namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>Accounting for one target after a run: calls, failures, cache hits, tokens and cost.</summary>
public sealed record EvalTargetSummary
{
    /// <summary>Gets the target name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the number of (item, sample) results, including resumed ones.</summary>
    public int Results { get; init; }

    /// <summary>Gets how many of them failed.</summary>
    public int Failed { get; init; }

    /// <summary>Gets how many were answered from the cache in this run.</summary>
    public int Cached { get; init; }

    /// <summary>Gets how many were taken from an earlier, interrupted run.</summary>
    public int Resumed { get; init; }

    /// <summary>Gets the input tokens of calls made in this run (cache hits cost nothing and are not counted).</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens of calls made in this run.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the cost of calls made in this run in US dollars, or null when the model's price is unknown.</summary>
    public decimal? Cost { get; init; }
}
