using System.Globalization;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// What a grader gave a few samples locally (<see cref="GraderDryRun"/>): the score distribution, so a grader that
/// always gives the same score (all 0, all 1) is caught before RFT is paid for.
/// </summary>
public sealed class GraderDryRunReport
{
    /// <summary>The number of histogram bins.</summary>
    public const int Bins = 10;

    /// <summary>Gets the grader's type.</summary>
    public required string GraderType { get; init; }

    /// <summary>Gets the samples tried.</summary>
    public required int Samples { get; init; }

    /// <summary>Gets the scores computed, one per graded sample.</summary>
    public required IReadOnlyList<double> Scores { get; init; }

    /// <summary>Gets why the grader cannot run locally (e.g. a python grader), or <see langword="null"/>.</summary>
    public string? NotRunnable { get; init; }

    /// <summary>Gets the samples that could not be graded, as "sample N: reason".</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>Gets the lower end of the score range (the grader's range, else 0).</summary>
    public required double RangeMin { get; init; }

    /// <summary>Gets the upper end of the score range (the grader's range, else 1, or the highest score above it).</summary>
    public required double RangeMax { get; init; }

    /// <summary>Gets the lowest score, or <see langword="null"/> without scores.</summary>
    public double? Min => Scores.Count == 0 ? null : Scores.Min();

    /// <summary>Gets the mean score, or <see langword="null"/> without scores.</summary>
    public double? Mean => Scores.Count == 0 ? null : Scores.Average();

    /// <summary>Gets the highest score, or <see langword="null"/> without scores.</summary>
    public double? Max => Scores.Count == 0 ? null : Scores.Max();

    /// <summary>Gets the share of scores equal to 0.</summary>
    public double ShareZero => Scores.Count == 0 ? 0 : Scores.Count(s => s == 0) / (double)Scores.Count;

    /// <summary>Gets the share of scores equal to 1.</summary>
    public double ShareOne => Scores.Count == 0 ? 0 : Scores.Count(s => s == 1) / (double)Scores.Count;

    /// <summary>Gets the counts of <see cref="Bins"/> equal-width bins from <see cref="RangeMin"/> to <see cref="RangeMax"/> (the top bin includes the maximum).</summary>
    public IReadOnlyList<int> Histogram
    {
        get
        {
            var counts = new int[Bins];
            var width = (RangeMax - RangeMin) / Bins;
            foreach (var score in Scores)
            {
                var bin = width <= 0 ? 0 : (int)Math.Floor((score - RangeMin) / width);
                counts[Math.Clamp(bin, 0, Bins - 1)]++;
            }

            return counts;
        }
    }

    /// <summary>Gets a value indicating whether every score was the same (with at least 2 scores): RFT learns nothing from such a grader.</summary>
    public bool IsConstant => Scores.Count >= 2 && Scores.All(s => s == Scores[0]);

    /// <summary>Gets the warning to show, or <see langword="null"/> when the spread looks usable.</summary>
    public string? Warning =>
        IsConstant ? string.Create(CultureInfo.InvariantCulture, $"the grader gave all {Scores.Count} samples the same score ({Scores[0]:0.###}): RFT cannot learn from a reward that never varies; check the templates and the reference fields.")
        : Scores.Count == 0 && NotRunnable is null ? "no sample could be graded: see the errors."
        : null;
}
