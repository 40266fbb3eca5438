using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>What an evaluation run did: per-target accounting and, unless turned off, every result.</summary>
public sealed record EvalRunSummary
{
    /// <summary>Gets the per-target accounting, in target order.</summary>
    public required IReadOnlyList<EvalTargetSummary> Targets { get; init; }

    /// <summary>Gets the latest result of every (item, target, sample) triple (resumed ones included), or empty when <see cref="EvalRunOptions.KeepResultsInMemory"/> is off.</summary>
    public required IReadOnlyList<EvalSampleResult> Results { get; init; }

    /// <summary>Gets the number of items read.</summary>
    public int Items { get; init; }

    /// <summary>Gets the number of retries made.</summary>
    public int Retries { get; init; }

    /// <summary>Gets the wall-clock duration of the run.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the results file, or null when results were kept in memory only.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>Gets the number of failed calls over all targets.</summary>
    public int Failed => Targets.Sum(t => t.Failed);
}
