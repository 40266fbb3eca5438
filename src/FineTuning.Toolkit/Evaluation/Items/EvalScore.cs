using System.Globalization;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// The outcome of one scorer on one output. A score has a numeric <see cref="Value"/> (usually 0..1, higher is better;
/// some scorers such as a judge on a 1..5 scale report raw numbers, see <see cref="IEvalScorer"/>), an optional pass/fail
/// verdict, an optional label (the predicted class for classification) and optional details.
/// </summary>
/// <remarks>
/// When a scorer cannot score (a judge reply it cannot parse, an invalid regular expression), it returns a score whose
/// <see cref="Error"/> is set and whose <see cref="Value"/> is <see langword="null"/>; statistics skip such scores and
/// reports count them.
/// </remarks>
public sealed record EvalScore
{
    /// <summary>Gets the numeric value, or <see langword="null"/> when the scorer produced none.</summary>
    public double? Value { get; init; }

    /// <summary>Gets the pass/fail verdict, or <see langword="null"/> when the scorer has no threshold.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets a categorical outcome (for example the class the output was mapped to), or <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>Gets a short human-readable explanation, or <see langword="null"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets machine-readable details (for example <c>precision</c>, <c>recall</c>, <c>judge_flip_rate</c>), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>Gets why the scorer could not score this output, or <see langword="null"/> when it could.</summary>
    public string? Error { get; init; }

    /// <summary>Creates a pass/fail score whose value is 1 when <paramref name="passed"/> and 0 otherwise.</summary>
    /// <param name="passed">Whether the output passed.</param>
    /// <param name="reason">An optional explanation.</param>
    /// <returns>The score.</returns>
    public static EvalScore FromBoolean(bool passed, string? reason = null) =>
        new() { Value = passed ? 1d : 0d, Passed = passed, Reason = reason };

    /// <summary>Creates a numeric score, optionally with a pass threshold (passes when <c>value &gt;= threshold</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="threshold">The pass threshold, or <see langword="null"/> for no verdict.</param>
    /// <param name="reason">An optional explanation.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static EvalScore FromValue(double value, double? threshold = null, string? reason = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A score must be a finite number.");
        }

        return new() { Value = value, Passed = threshold is { } t ? value >= t : null, Reason = reason };
    }

    /// <summary>Creates a score that records why the output could not be scored.</summary>
    /// <param name="error">The reason.</param>
    /// <returns>The score.</returns>
    public static EvalScore Failed(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new() { Error = error };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Error is not null ? $"error: {Error}"
        : string.Create(CultureInfo.InvariantCulture, $"{Value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-"}{(Passed is { } p ? (p ? " pass" : " fail") : string.Empty)}{(Label is null ? string.Empty : " [" + Label + "]")}");
}
