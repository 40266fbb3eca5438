namespace FineTuning.Toolkit.Datasets;

/// <summary>The role of a <see cref="TrainingMessage"/>: an open set of strings compared ordinally (the platform is case-sensitive).</summary>
public readonly struct TrainingRole : IEquatable<TrainingRole>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="TrainingRole"/> struct.</summary>
    /// <param name="value">The role as written in the file, e.g. <c>assistant</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public TrainingRole(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Gets the <c>system</c> role (chat and preference formats).</summary>
    public static TrainingRole System { get; } = new("system");

    /// <summary>Gets the <c>developer</c> role (reinforcement format only).</summary>
    public static TrainingRole Developer { get; } = new("developer");

    /// <summary>Gets the <c>user</c> role.</summary>
    public static TrainingRole User { get; } = new("user");

    /// <summary>Gets the <c>assistant</c> role.</summary>
    public static TrainingRole Assistant { get; } = new("assistant");

    /// <summary>Gets the <c>tool</c> role (answers a tool call).</summary>
    public static TrainingRole Tool { get; } = new("tool");

    /// <summary>Gets the deprecated <c>function</c> role (answers a legacy function call).</summary>
    public static TrainingRole Function { get; } = new("function");

    /// <summary>Gets the role string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two roles.</summary>
    /// <param name="left">The first role.</param><param name="right">The second role.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TrainingRole left, TrainingRole right) => left.Equals(right);

    /// <summary>Compares two roles.</summary>
    /// <param name="left">The first role.</param><param name="right">The second role.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(TrainingRole left, TrainingRole right) => !left.Equals(right);

    /// <summary>Converts a string to a role.</summary>
    /// <param name="value">The role string.</param>
    public static implicit operator TrainingRole(string value) => new(value);

    /// <summary>Converts a string to a role.</summary>
    /// <param name="value">The role string.</param>
    /// <returns>The role.</returns>
    public static TrainingRole FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(TrainingRole other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TrainingRole other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
