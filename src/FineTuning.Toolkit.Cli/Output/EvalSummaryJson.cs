using System.Text.Json.Serialization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk eval --json</c>: the run, its targets with per-scorer scores, and the paired comparisons.</summary>
internal sealed record EvalSummaryJson(
    string Run,
    string Mode,
    int Items,
    int Samples,
    int Failed,
    int Retries,
    double DurationMs,
    IReadOnlyList<EvalSummaryJson.Target> Targets,
    IReadOnlyList<ComparisonJson>? Comparisons,
    IReadOnlyList<EvalSummaryJson.Pairwise>? PairwiseJudge = null,
    EvalLineage? Lineage = null)
{
    /// <summary>Builds the summary.</summary>
    public static EvalSummaryJson From(string runDirectory, EvalRunManifest manifest, IReadOnlyList<ScoreSummary> scores, IReadOnlyList<PairedComparisonResult> comparisons, IReadOnlyList<PairwiseSummary>? pairwise = null) => new(
        Path.GetFullPath(runDirectory),
        manifest.Mode,
        manifest.Items,
        manifest.Samples,
        manifest.Failed,
        manifest.Retries,
        Math.Round(manifest.DurationMs),
        [.. manifest.Targets.Select(t => new Target(
            t.Name,
            t.Model,
            t.Results,
            t.Failed,
            t.Cached,
            t.Resumed,
            t.InputTokens,
            t.OutputTokens,
            t.Cost,
            scores.Where(s => s.Target == t.Name).ToDictionary(
                s => s.Scorer,
                s => new Score(s.Failed ? null : s.Mean, s.Failed, s.Failed ? s.FirstError : null, s.Interval?.Lower, s.Interval?.Upper, s.PassRate, s.Items, s.Errors),
                StringComparer.Ordinal)))],
        comparisons.Count > 0 ? ComparisonJson.List(comparisons) : null,
        pairwise is { Count: > 0 } ? [.. pairwise.Select(p => new Pairwise(p.TargetA, p.TargetB, p.WinsA, p.WinsB, p.Ties, p.Unparsed, p.Repetitions, p.SwapPairs, p.FlipRate, p.SignTestPValue))] : null,
        manifest.Lineage);

    /// <summary>The pairwise judge on one candidate against the baseline (both orders, <c>repetitions</c> times each).</summary>
    internal sealed record Pairwise(string Baseline, string Candidate, int BaselineWins, int CandidateWins, int Ties, int Unparsed, int Repetitions, int SwapPairs, double FlipRate, double SignTestP);

    /// <summary>One target; <c>cost_usd</c> is null (printed) when the price is unknown.</summary>
    internal sealed record Target(
        string Name,
        string Model,
        int Results,
        int Failed,
        int Cached,
        int Resumed,
        long InputTokens,
        long OutputTokens,
        [property: JsonPropertyName("cost_usd"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? CostUsd,
        IReadOnlyDictionary<string, Score> Scores);

    /// <summary>One scorer of a target; <c>mean</c> is null (printed) when the scorer failed everywhere.</summary>
    internal sealed record Score(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Mean,
        bool Failed,
        string? Error,
        double? CiLow,
        double? CiHigh,
        double? PassRate,
        int Items,
        int Errors);
}
