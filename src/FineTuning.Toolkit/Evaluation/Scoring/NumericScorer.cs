using System.Globalization;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Passes when the number in the output is within a tolerance of the number in the reference. The output's number is
/// its <b>last</b> number (so "3 apples plus 4 is 7" reads 7, the usual convention for worked answers); thousands
/// separators (<c>1,234.5</c>), signs and exponents are understood. Passes when
/// <c>|x − ref| ≤ max(absoluteTolerance, relativeTolerance·|ref|)</c>.
/// </summary>
public sealed partial class NumericScorer : IEvalScorer
{
    private readonly double _absolute;
    private readonly double _relative;

    /// <summary>Initializes a new instance of the <see cref="NumericScorer"/> class.</summary>
    /// <param name="absoluteTolerance">The absolute tolerance (≥ 0).</param>
    /// <param name="relativeTolerance">The relative tolerance (≥ 0).</param>
    /// <param name="name">The scorer name; defaults to <c>numeric</c>.</param>
    public NumericScorer(double absoluteTolerance = 1e-6, double relativeTolerance = 0, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(absoluteTolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        _absolute = absoluteTolerance;
        _relative = relativeTolerance;
        Name = name ?? "numeric";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Item.Reference is null || LastNumber(context.Item.Reference) is not { } expected)
        {
            return ValueTask.FromResult(EvalScore.Failed($"Item '{context.Item.Id}' has no numeric reference."));
        }

        if (LastNumber(context.Output) is not { } actual)
        {
            return ValueTask.FromResult(EvalScore.FromBoolean(false, "The output contains no number.") with { Label = null });
        }

        var tolerance = Math.Max(_absolute, _relative * Math.Abs(expected));
        var passed = Math.Abs(actual - expected) <= tolerance;
        return ValueTask.FromResult(EvalScore.FromBoolean(passed) with { Label = actual.ToString("R", CultureInfo.InvariantCulture) });
    }

    /// <summary>Extracts the last number of <paramref name="text"/>, or <see langword="null"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number or <see langword="null"/>.</returns>
    internal static double? LastNumber(string text)
    {
        double? last = null;
        foreach (Match match in NumberPattern().Matches(text))
        {
            if (double.TryParse(match.Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace('\u2212', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                last = value;
            }
        }

        return last;
    }

    [GeneratedRegex(@"[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
