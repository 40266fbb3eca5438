namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Run-to-run consistency ("precision" in the course's sense: the same answer every run) of one target over items
/// sampled k times.
/// </summary>
public sealed record ConsistencyReport
{
    /// <summary>Gets the target.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the scorer whose per-item variance is reported, or <see langword="null"/>.</summary>
    public string? Scorer { get; init; }

    /// <summary>Gets the per-item consistency, for items with at least two successful samples.</summary>
    public required IReadOnlyList<ItemConsistency> Items { get; init; }

    /// <summary>Gets the mean agreement rate over items (0 when none).</summary>
    public double MeanAgreement => Items.Count == 0 ? 0 : Items.Average(i => i.AgreementRate);

    /// <summary>Gets the fraction of items whose samples all gave the same answer.</summary>
    public double FullyConsistentRate => Items.Count == 0 ? 0 : Items.Count(i => i.DistinctAnswers == 1) / (double)Items.Count;

    /// <summary>Gets the mean per-item score variance, or <see langword="null"/> without a scorer.</summary>
    public double? MeanScoreVariance =>
        Items.Any(i => i.ScoreVariance is not null) ? Items.Where(i => i.ScoreVariance is not null).Average(i => i.ScoreVariance!.Value) : null;
}
