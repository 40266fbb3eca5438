namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// The run stopped early because the service looked down: <see cref="EvalRunOptions.CircuitBreakerFailures"/> calls in a row
/// failed with transient errors. The results written so far are kept; running the same evaluation again resumes it.
/// </summary>
public sealed class EvalRunAbortedException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="consecutiveFailures">How many calls in a row failed.</param>
    /// <param name="lastReason">The last failure's secret-free description.</param>
    /// <param name="resultsPath">Where the results so far are kept, if anywhere.</param>
    public EvalRunAbortedException(int consecutiveFailures, string lastReason, string? resultsPath)
        : base($"The evaluation stopped after {consecutiveFailures} model calls in a row failed (the service looks down; last failure: {lastReason}). "
            + (resultsPath is null ? "Nothing was kept (no results file)." : $"The results so far are kept in {resultsPath}; run the same command again to resume."))
    {
        ConsecutiveFailures = consecutiveFailures;
        LastReason = lastReason;
        ResultsPath = resultsPath;
    }

    /// <summary>Initializes a new instance.</summary>
    public EvalRunAbortedException()
        : this(0, "(none)", null)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    public EvalRunAbortedException(string message)
        : base(message)
    {
        LastReason = message;
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EvalRunAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
        LastReason = message;
    }

    /// <summary>Gets how many calls in a row failed.</summary>
    public int ConsecutiveFailures { get; }

    /// <summary>Gets the last failure's secret-free description.</summary>
    public string LastReason { get; } = string.Empty;

    /// <summary>Gets where the results so far are kept, if anywhere.</summary>
    public string? ResultsPath { get; }
}
