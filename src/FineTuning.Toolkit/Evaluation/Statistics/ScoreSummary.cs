using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>One target's results on one scorer: mean per-item score with its bootstrap interval, pass rate and error counts.</summary>
public sealed record ScoreSummary
{
    /// <summary>Gets the target name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the scorer name.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the number of items with at least one valid score.</summary>
    public required int Items { get; init; }

    /// <summary>Gets the number of valid scored samples.</summary>
    public required int Samples { get; init; }

    /// <summary>Gets the number of samples without a score: failed calls plus scorer errors.</summary>
    public int Errors { get; init; }

    /// <summary>Gets the mean of per-item mean scores (0 when no item; check <see cref="Failed"/>).</summary>
    [JsonIgnore]
    public required double Mean { get; init; }

    /// <summary>Gets a value indicating whether the scorer produced no valid score at all although samples were scored or attempted (every sample failed): the mean is then meaningless.</summary>
    public bool Failed => Items == 0 && Errors > 0;

    /// <summary>Gets the first error message of a sample without a score (call or scorer error), or <see langword="null"/>.</summary>
    public string? FirstError { get; init; }

    /// <summary>Gets <see cref="Mean"/> for JSON: absent when <see cref="Failed"/>, so a failed scorer never reads as a mean of 0.</summary>
    [JsonInclude]
    [JsonPropertyName("mean")]
    internal double? SerializedMean => Failed ? null : Mean;

    /// <summary>Gets the bootstrap interval of <see cref="Mean"/> over items, or <see langword="null"/> with fewer than two items.</summary>
    public ConfidenceInterval? Interval { get; init; }

    /// <summary>Gets the mean per-item pass fraction, or <see langword="null"/> when the scorer has no pass/fail verdict.</summary>
    public double? PassRate { get; init; }
}
