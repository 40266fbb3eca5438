namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The status of a fine-tuning job: an open, string-backed value. The service also sends values that appear in no
/// published enum (<c>paused</c>; Azure's <c>pending</c>, <c>pausing</c>, <c>resuming</c>), so unknown strings are kept as they are.
/// </summary>
public readonly struct FineTuningJobStatus : IEquatable<FineTuningJobStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="FineTuningJobStatus"/> struct.</summary>
    /// <param name="value">The status string as the service sends it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or whitespace.</exception>
    public FineTuningJobStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim().ToLowerInvariant();
    }

    /// <summary>The service is validating the training and validation files.</summary>
    public static FineTuningJobStatus ValidatingFiles { get; } = new("validating_files");

    /// <summary>The job waits for capacity.</summary>
    public static FineTuningJobStatus Queued { get; } = new("queued");

    /// <summary>Azure's legacy name for a job that has not started yet.</summary>
    public static FineTuningJobStatus Pending { get; } = new("pending");

    /// <summary>The job is training.</summary>
    public static FineTuningJobStatus Running { get; } = new("running");

    /// <summary>A pause was requested and is being applied (Azure).</summary>
    public static FineTuningJobStatus Pausing { get; } = new("pausing");

    /// <summary>The job is paused: a resting, non-terminal state left by <c>resume</c>.</summary>
    public static FineTuningJobStatus Paused { get; } = new("paused");

    /// <summary>A resume was requested and is being applied (Azure).</summary>
    public static FineTuningJobStatus Resuming { get; } = new("resuming");

    /// <summary>The job finished and produced a fine-tuned model.</summary>
    public static FineTuningJobStatus Succeeded { get; } = new("succeeded");

    /// <summary>The job failed; see <see cref="FineTuningJobInfo.Error"/>.</summary>
    public static FineTuningJobStatus Failed { get; } = new("failed");

    /// <summary>The job was cancelled.</summary>
    public static FineTuningJobStatus Cancelled { get; } = new("cancelled");

    /// <summary>Gets the status string (lower case), or <c>unknown</c> for a default instance.</summary>
    public string Value => _value ?? "unknown";

    /// <summary>Gets a value indicating whether the job can no longer change (succeeded, failed or cancelled).</summary>
    public bool IsTerminal => this == Succeeded || this == Failed || this == Cancelled;

    /// <summary>Gets a value indicating whether the job waits to start (validating files, queued or pending).</summary>
    public bool IsWaiting => this == ValidatingFiles || this == Queued || this == Pending;

    /// <summary>Gets a value indicating whether the job is paused or moving into or out of a pause.</summary>
    public bool IsPaused => this == Paused || this == Pausing || this == Resuming;

    /// <summary>Compares two statuses.</summary>
    /// <param name="left">The first status.</param>
    /// <param name="right">The second status.</param>
    /// <returns><see langword="true"/> when both carry the same string.</returns>
    public static bool operator ==(FineTuningJobStatus left, FineTuningJobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses.</summary>
    /// <param name="left">The first status.</param>
    /// <param name="right">The second status.</param>
    /// <returns><see langword="true"/> when the strings differ.</returns>
    public static bool operator !=(FineTuningJobStatus left, FineTuningJobStatus right) => !left.Equals(right);

    /// <summary>Converts a string to a status.</summary>
    /// <param name="value">The status string.</param>
    public static implicit operator FineTuningJobStatus(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(FineTuningJobStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FineTuningJobStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
