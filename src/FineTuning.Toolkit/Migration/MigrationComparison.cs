namespace FineTuning.Toolkit.Migration;

/// <summary>What <see cref="IMigrationKit.CompareAsync"/> found: a verdict per replaced model.</summary>
public sealed record MigrationComparison
{
    /// <summary>Gets the non-inferiority margin used.</summary>
    public double Margin { get; init; }

    /// <summary>Gets the comparison of every pair, in the order given.</summary>
    public IReadOnlyList<ModelComparison> Models { get; init; } = [];

    /// <summary>Gets the report written, if any.</summary>
    public string? ReportPath { get; init; }
}
