using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>
/// An epochs experiment as one request: train one configuration per <see cref="Epochs"/> value on the same files
/// (through <see cref="FineTuningWorkflow"/>, so every platform and budget rule applies), add existing
/// <see cref="JobIds"/>, optionally each job's checkpoints, evaluate every model on one set and recommend one.
/// </summary>
public sealed record SweepRequest
{
    /// <summary>Gets the evaluation set every candidate is scored on.</summary>
    public required IReadOnlyList<EvalItem> EvalItems { get; init; }

    /// <summary>Gets the scorers; the first one ranks the candidates.</summary>
    public required IReadOnlyList<IEvalScorer> Scorers { get; init; }

    /// <summary>Gets the training file (needed when <see cref="Epochs"/> is not empty).</summary>
    public string? TrainingPath { get; init; }

    /// <summary>Gets the validation file (its loss is what the recommendation breaks ties with).</summary>
    public string? ValidationPath { get; init; }

    /// <summary>Gets the base model to train (default: the toolkit's default model).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the epoch counts to train, one job each.</summary>
    public IReadOnlyList<int> Epochs { get; init; } = [];

    /// <summary>Gets existing jobs to include (finished, with a fine-tuned model).</summary>
    public IReadOnlyList<string> JobIds { get; init; } = [];

    /// <summary>Gets a value indicating whether each job's intermediate checkpoints are candidates too.</summary>
    public bool IncludeCheckpoints { get; init; }

    /// <summary>
    /// Gets one total cap in USD for every job the sweep trains: the sweep is refused before anything is uploaded
    /// when the sum of the estimates' upper bounds exceeds it (or when a cost cannot be estimated).
    /// </summary>
    public decimal? BudgetCapUsd { get; init; }

    /// <summary>Gets the approval asked once for the whole sweep when no budget covers it; without one the sweep does not start.</summary>
    public Func<SweepPlan, CancellationToken, ValueTask<bool>>? Approve { get; init; }

    /// <summary>Gets the job seed (the same for every configuration, so only the epochs differ).</summary>
    public int? Seed { get; init; } = 42;

    /// <summary>Gets the model-name suffix of the trained jobs.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets extra metadata stored on every trained job.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the evaluation settings (samples, concurrency, results file, cache).</summary>
    public EvalRunOptions EvalOptions { get; init; } = new();

    /// <summary>Gets the sampling temperature of every candidate.</summary>
    public float? Temperature { get; init; } = 0f;

    /// <summary>Gets the maximum output tokens per answer.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the paired-comparison settings for the comparisons against the best candidate.</summary>
    public PairedComparisonOptions ComparisonOptions { get; init; } = new();

    /// <summary>Gets the longest wait for one job, or <see langword="null"/> for the monitor's default.</summary>
    public TimeSpan? JobTimeout { get; init; }
}
