using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Sweeps;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>
/// Everything a report shows: per-target scores, paired comparisons with verdicts, consistency, classification,
/// pairwise judging, probes, a sweep recommendation and training-metric series. Build it with
/// <see cref="EvaluationReportBuilder"/> and render it with <see cref="EvaluationReportWriter"/> (JSON, Markdown, HTML).
/// Every section except <see cref="Title"/> is optional.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets when the report was generated.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets a free-text description (evaluation set, settings).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the target names, in display order.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Gets the number of evaluation items.</summary>
    public int Items { get; init; }

    /// <summary>Gets per-target, per-scorer summaries.</summary>
    public IReadOnlyList<ScoreSummary> Scores { get; init; } = [];

    /// <summary>Gets paired comparisons with their verdicts.</summary>
    public IReadOnlyList<PairedComparisonResult> Comparisons { get; init; } = [];

    /// <summary>Gets run-to-run consistency per target (when items were sampled more than once).</summary>
    public IReadOnlyList<ConsistencyReport> Consistency { get; init; } = [];

    /// <summary>Gets classification metrics.</summary>
    public IReadOnlyList<ClassificationSection> Classification { get; init; } = [];

    /// <summary>Gets pairwise judge summaries.</summary>
    public IReadOnlyList<PairwiseSummary> Pairwise { get; init; } = [];

    /// <summary>Gets the bias probe comparison, or <see langword="null"/>.</summary>
    public BiasProbeComparison? Bias { get; init; }

    /// <summary>Gets the domain drift report, or <see langword="null"/>.</summary>
    public DomainDriftReport? Drift { get; init; }

    /// <summary>Gets memorisation reports, one per target.</summary>
    public IReadOnlyList<MemorizationReport> Memorization { get; init; } = [];

    /// <summary>Gets the sweep recommendation, or <see langword="null"/>.</summary>
    public SweepRecommendation? Sweep { get; init; }

    /// <summary>Gets training-metric series (loss curves).</summary>
    public IReadOnlyList<TrainingMetricsSeries> Metrics { get; init; } = [];

    /// <summary>Gets where the numbers come from (data and eval-set SHA-256, jobs, models, judge, toolkit version), or <see langword="null"/>.</summary>
    public EvalLineage? Lineage { get; init; }

    /// <summary>Gets every item with its prompt, reference and each target's answers and scores (at most <see cref="EvaluationReportBuilder.MaxReportItems"/>).</summary>
    public IReadOnlyList<ReportItem> ItemDetails { get; init; } = [];

    /// <summary>Gets free-text notes shown at the end.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
