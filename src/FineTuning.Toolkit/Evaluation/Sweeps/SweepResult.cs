using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>What a sweep did: the plan, the jobs, every candidate's score and validation loss, the recommendation and the comparisons against the best.</summary>
public sealed record SweepResult
{
    /// <summary>Gets how the sweep ended; only <see cref="SweepOutcome.Completed"/> fills the other members beyond <see cref="Plan"/>.</summary>
    public required SweepOutcome Outcome { get; init; }

    /// <summary>Gets the plan of the configurations trained.</summary>
    public required SweepPlan Plan { get; init; }

    /// <summary>Gets the jobs (trained or given), in request order.</summary>
    public IReadOnlyList<FineTuningJobInfo> Jobs { get; init; } = [];

    /// <summary>Gets the candidates (final models, and checkpoints when asked), in job then step order.</summary>
    public IReadOnlyList<SweepCandidate> Candidates { get; init; } = [];

    /// <summary>Gets the model id of each candidate, by candidate name.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets every job's metrics (training and validation loss by step), named by candidate of the final model.</summary>
    public IReadOnlyList<TrainingMetricsSeries> Series { get; init; } = [];

    /// <summary>Gets every sample result of the evaluation.</summary>
    public IReadOnlyList<EvalSampleResult> Results { get; init; } = [];

    /// <summary>Gets the recommendation, or <see langword="null"/> when the sweep did not complete.</summary>
    public SweepRecommendation? Recommendation { get; init; }

    /// <summary>Gets each other candidate compared with the best-scoring one on every scorer (paired bootstrap, McNemar, Holm-corrected).</summary>
    public IReadOnlyList<PairedComparisonResult> Comparisons { get; init; } = [];

    /// <summary>Gets the scorer that ranks the candidates.</summary>
    public string? PrimaryScorer { get; init; }
}
