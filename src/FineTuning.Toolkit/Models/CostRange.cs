namespace FineTuning.Toolkit.Models;

/// <summary>A cost estimate with its plausible range: <see cref="Low"/> ≤ <see cref="Expected"/> ≤ <see cref="High"/>.</summary>
/// <param name="Low">The lowest plausible cost.</param>
/// <param name="Expected">The expected cost.</param>
/// <param name="High">The highest plausible cost.</param>
/// <param name="Currency">The ISO currency code.</param>
public sealed record CostRange(decimal Low, decimal Expected, decimal High, string Currency)
{
    /// <summary>Gets a value indicating whether the estimate is a range rather than a single figure.</summary>
    public bool IsRange => Low != High;
}
