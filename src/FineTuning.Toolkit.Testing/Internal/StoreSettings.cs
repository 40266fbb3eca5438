namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The settings the store simulates with, taken from the public options when the emulator starts.</summary>
internal sealed record StoreSettings
{
    public int Seed { get; init; }

    public TimeSpan ValidatingDuration { get; init; }

    public TimeSpan QueuedDuration { get; init; }

    public int? StepsPerEpoch { get; init; }

    public TimeSpan StepDuration { get; init; }

    public TimeSpan BatchPhaseDuration { get; init; }

    public TimeSpan BatchRequestDuration { get; init; }

    /// <summary>Whether running jobs report <c>estimated_finish</c>.</summary>
    public bool ReportEstimatedFinish { get; init; }
}
