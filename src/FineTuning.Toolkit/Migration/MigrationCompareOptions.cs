using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Migration;

/// <summary>How <see cref="IMigrationKit.CompareAsync"/> compares replacements with the recorded answers.</summary>
public sealed record MigrationCompareOptions
{
    /// <summary>Gets the non-inferiority margin D: a replacement passes when, with 95% confidence, it is not worse than the original by more than D.</summary>
    /// <value>The default value is 0.05.</value>
    public double Margin { get; init; } = 0.05;

    /// <summary>Gets the judge model's client for the pairwise preference (asked in both positions), or <see langword="null"/> for no judge.</summary>
    public IChatClient? Judge { get; init; }

    /// <summary>Gets the model calls in flight at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Gets an HTML, Markdown or JSON report to write (by extension), or <see langword="null"/>.</summary>
    public string? ReportPath { get; init; }
}
