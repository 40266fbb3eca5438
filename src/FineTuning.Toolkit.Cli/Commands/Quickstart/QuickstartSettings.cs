namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>What <c>ftk quickstart</c> was asked to do.</summary>
internal sealed record QuickstartSettings
{
    public required string OutputDirectory { get; init; }

    public required string Model { get; init; }

    public required bool UseEmulator { get; init; }

    public decimal? BudgetUsd { get; init; }

    public int Samples { get; init; } = 3;

    /// <summary>Keep the Azure deployment after the evaluation (otherwise it is deleted; a terminal is asked first).</summary>
    public bool KeepDeployment { get; init; }

    /// <summary>Run the emulator's Azure flavour (<c>--emulator --provider azure</c>): Azure routes, trainingType, ARM deployments.</summary>
    public bool AzureEmulator { get; init; }
}
