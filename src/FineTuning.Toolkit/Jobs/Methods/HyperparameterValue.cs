using System.Globalization;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Methods;

/// <summary>A hyperparameter: either <c>auto</c> (the service chooses) or a number.</summary>
public readonly struct HyperparameterValue : IEquatable<HyperparameterValue>
{
    private readonly double? _value;

    private HyperparameterValue(double? value) => _value = value;

    /// <summary>Gets the value that lets the service choose.</summary>
    public static HyperparameterValue Auto => default;

    /// <summary>Gets a value indicating whether the service chooses.</summary>
    public bool IsAuto => _value is null;

    /// <summary>Gets the number, or <see langword="null"/> for <c>auto</c>.</summary>
    public double? Value => _value;

    /// <summary>Creates a numeric value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The hyperparameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static HyperparameterValue FromNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A hyperparameter must be a finite number.");
        }

        return new HyperparameterValue(value);
    }

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator HyperparameterValue(int value) => FromNumber(value);

    /// <summary>Converts a number.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator HyperparameterValue(double value) => FromNumber(value);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(HyperparameterValue left, HyperparameterValue right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(HyperparameterValue left, HyperparameterValue right) => !left.Equals(right);

    /// <summary>Parses <c>auto</c> or a number (invariant culture).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static HyperparameterValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return FromNumber(number);
        }

        throw new FormatException($"'{text}' is neither 'auto' nor a number.");
    }

    /// <inheritdoc/>
    public bool Equals(HyperparameterValue other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HyperparameterValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => _value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "auto";

    internal JsonNode ToJson(bool integer) => _value switch
    {
        null => JsonValue.Create("auto"),
        { } v when integer => JsonValue.Create((long)Math.Round(v)),
        { } v => JsonValue.Create(v),
    };
}
