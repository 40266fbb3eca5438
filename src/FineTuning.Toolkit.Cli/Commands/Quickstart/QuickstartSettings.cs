namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>What <c>ftk quickstart</c> was asked to do.</summary>
internal sealed record QuickstartSettings
{
    public required string OutputDirectory { get; init; }

    public required string Model { get; init; }

    public required bool UseEmulator { get; init; }

    public decimal? BudgetUsd { get; init; }

    public int Samples { get; init; } = 3;
}
