using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Statistics;

namespace FineTuning.Toolkit.Migration;

/// <summary>One replacement compared with the recorded answers of the fine-tuned model it replaces.</summary>
public sealed record ModelComparison
{
    /// <summary>Gets the original fine-tuned model.</summary>
    public required string FineTunedModel { get; init; }

    /// <summary>Gets the replacement (a model or deployment name on the replacement's provider).</summary>
    public required string Replacement { get; init; }

    /// <summary>Gets the golden prompts compared.</summary>
    public int Items { get; init; }

    /// <summary>Gets the replacement calls that failed.</summary>
    public int Failed { get; init; }

    /// <summary>Gets a value indicating whether the prompts carried reference answers; without them the recorded answers are the reference (the verdict then measures agreement with the original).</summary>
    public bool HasReferences { get; init; }

    /// <summary>Gets the paired comparisons, one per scorer (exact, normalized, similarity, and judge when a judge was given).</summary>
    public IReadOnlyList<PairedComparisonResult> Comparisons { get; init; } = [];

    /// <summary>Gets the judge's pairwise summary (A = original, B = replacement), when a judge was given.</summary>
    public PairwiseSummary? Judge { get; init; }

    /// <summary>Gets the verdict (<see cref="MigrationVerdicts"/>).</summary>
    public required string Verdict { get; init; }

    /// <summary>Gets the verdict in a sentence.</summary>
    public required string VerdictReason { get; init; }

    /// <summary>Gets the replacement's answers (a <c>results.jsonl</c>), relative to the snapshot folder.</summary>
    public string? ResultsFile { get; init; }

    /// <summary>Gets the cost of the replacement's answers in USD, when known.</summary>
    public decimal? CostUsd { get; init; }
}
