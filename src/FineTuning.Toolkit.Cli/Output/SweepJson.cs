using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Sweeps;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk sweep --json</c>: the candidates with score and losses, the recommendation with its reason, and the comparisons against the best.</summary>
internal sealed record SweepJson(
    string Run,
    string Outcome,
    decimal? MaxCostUsd,
    decimal? BudgetUsd,
    string? Scorer,
    IReadOnlyList<SweepJson.Candidate> Candidates,
    string? Recommended,
    string? Reason,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ComparisonJson> Comparisons,
    EvalLineage? Lineage = null)
{
    /// <summary>Builds the JSON from the library's result.</summary>
    public static SweepJson From(string runDirectory, SweepResult result) => new(
        Path.GetFullPath(runDirectory),
        result.Outcome.ToString().ToLowerInvariant() switch { "overbudget" => "over_budget", "notapproved" => "not_approved", var o => o },
        result.Plan.MaxCostUsd,
        result.Plan.BudgetCapUsd,
        result.PrimaryScorer,
        [.. result.Candidates.Select(c => new Candidate(
            c.Name,
            result.Models.GetValueOrDefault(c.Name),
            c.JobId,
            c.Epochs,
            c.Step,
            c.Score,
            c.ScoreInterval?.Lower,
            c.ScoreInterval?.Upper,
            c.ValidLoss,
            c.TrainLoss))],
        result.Recommendation?.Recommended.Name,
        result.Recommendation?.Reason,
        result.Recommendation?.Warnings ?? [],
        ComparisonJson.List(result.Comparisons));

    /// <summary>One candidate (a trained configuration, an existing job or a checkpoint).</summary>
    internal sealed record Candidate(string Name, string? Model, string? Job, double? Epochs, int? Step, double Score, double? ScoreLower, double? ScoreUpper, double? ValidLoss, double? TrainLoss);
}
