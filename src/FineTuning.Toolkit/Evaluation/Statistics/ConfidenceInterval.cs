using System.Globalization;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Level">The confidence level (for example 0.95).</param>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Gets a value indicating whether the interval lies entirely above <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when <c>Lower &gt; value</c>.</returns>
    public bool IsAbove(double value) => Lower > value;

    /// <summary>Gets a value indicating whether the interval lies entirely below <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when <c>Upper &lt; value</c>.</returns>
    public bool IsBelow(double value) => Upper < value;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.####}, {Upper:0.####}] ({Level * 100:0.#}%)");
}
