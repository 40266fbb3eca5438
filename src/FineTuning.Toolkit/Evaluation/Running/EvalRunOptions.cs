using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>How an <see cref="EvalRunner"/> runs: samples per item, concurrency, rate limits, cache and results file.</summary>
/// <remarks>Retries are configured on the connection (<c>FineTuning:Retry</c>), not here: the targets' clients retry.</remarks>
public sealed record EvalRunOptions
{
    /// <summary>Gets how many times each item is sent to each target (k samples, for run-to-run consistency).</summary>
    /// <value>The default value is 1.</value>
    public int Samples { get; init; } = 1;

    /// <summary>Gets the maximum number of model calls in flight at once.</summary>
    /// <value>The default value is 8.</value>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Gets the requests-per-minute limit per model, or null for none.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Gets the tokens-per-minute limit per model (prompt tokens by the toolkit's tokenizer plus max output tokens), or null for none.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Gets the directory of the persistent response cache, or null for no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Gets a value indicating whether cached responses are ignored (fresh calls still refresh the cache).</summary>
    public bool Fresh { get; init; }

    /// <summary>Gets the results file (JSONL, appended and flushed per result), or null to keep results only in memory.</summary>
    /// <remarks>When the file exists, completed (item, target, sample) triples in it are skipped: the run resumes.</remarks>
    public string? ResultsPath { get; init; }

    /// <summary>Gets a value indicating whether the returned summary keeps every result in <see cref="EvalRunSummary.Results"/>.</summary>
    /// <value>The default value is true; turn it off for sets too large for memory and read the results file instead.</value>
    public bool KeepResultsInMemory { get; init; } = true;

    /// <summary>Gets the counter of request tokens for the TPM limiter: (model id, messages) → tokens. Null uses the toolkit's tiktoken encoder for the model (o200k_base when unknown).</summary>
    public Func<string, IReadOnlyList<ChatMessage>, int>? RequestTokenCounter { get; init; }

    /// <summary>Gets the price lookup for cost accounting, or null to report tokens without cost.</summary>
    public IEvalPriceLookup? Prices { get; init; }

    /// <summary>Gets the longest time a single call (with the client's own retries) may take before it is cancelled and recorded as failed.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets whether calls that failed with a transient error (a timeout, a dropped connection, HTTP 408, 429 or 5xx after the
    /// connection's own retries) are tried once more after the main pass, before they are recorded as failed. Default
    /// <see langword="true"/>: a short burst of faults then loses no results.
    /// </summary>
    public bool RetryFailedCalls { get; init; } = true;

    /// <summary>
    /// Gets the circuit breaker over the run: the run stops with <see cref="EvalRunAbortedException"/> when this many calls in a
    /// row have failed with transient errors (each after the connection's retries), because the service is evidently down and
    /// every further call would only wait out its own retries. 0 turns the breaker off. Default 12. Results so far are kept, and
    /// the same run resumes where it stopped.
    /// </summary>
    public int CircuitBreakerFailures { get; init; } = 12;

    internal void Validate()
    {
        if (CircuitBreakerFailures < 0) throw new ArgumentOutOfRangeException(nameof(CircuitBreakerFailures), CircuitBreakerFailures, "The circuit breaker threshold cannot be negative (0 turns it off).");
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least one sample per item is needed.");
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "Concurrency must be at least 1.");
        if (RequestsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(RequestsPerMinute), RequestsPerMinute, "The request limit cannot be negative.");
        if (TokensPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(TokensPerMinute), TokensPerMinute, "The token limit cannot be negative.");
    }
}
