using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Evaluation.Statistics;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>The paired comparisons of <c>ftk eval</c> and <c>ftk compare</c>: shared options, console table, JSON and the CI gate.</summary>
internal static class ComparisonOutput
{
    public static Option<double?> MarginOption() => new Option<double?>("--margin")
    {
        Description = "Non-inferiority margin D (e.g. 0.02): also test whether each candidate is not worse than the baseline by more than D (one-sided 95% lower bound of the paired difference above -D). With --fail-on-worse, the gate then fails unless non-inferiority is shown.",
    }.Above(0d);

    public static Option<bool> FailOnWorseOption() => new("--fail-on-worse")
    {
        Description = "Exit with code 1 when a candidate is significantly worse than the baseline on any scorer, or, with --margin, not shown non-inferior (for CI gates).",
    };

    /// <summary>Comparison settings from <c>--margin</c> (and the minimum effect), with a clear error for a bad margin.</summary>
    public static PairedComparisonOptions Options(double? margin, double minimumEffect = 0.05)
    {
        if (margin is { } d && !(d > 0 && d < 1000 && double.IsFinite(d)))
        {
            throw new CliUsageException($"--margin must be a positive number (the largest accepted loss in score units, e.g. 0.02), not {d.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new PairedComparisonOptions { MinimumEffect = minimumEffect, NonInferiorityMargin = margin };
    }

    /// <summary>
    /// The CI gate: without a margin, a significantly worse candidate fails; with a margin, a candidate not shown
    /// non-inferior fails (worse by less than the margin passes, an unproven result does not).
    /// </summary>
    public static bool GateFails(IEnumerable<PairedComparisonResult> comparisons) =>
        comparisons.Any(c => c.NonInferiority is { } ni ? !ni.IsNonInferior : c.Verdict == ComparisonVerdict.Worse);

    public static string Verdict(PairedComparisonResult c)
    {
        var verdict = c.Verdict switch { ComparisonVerdict.Better => "better", ComparisonVerdict.Worse => "worse", _ => "no significant difference" };
        return c.NonInferiority is { } ni ? verdict + (ni.IsNonInferior ? "; non-inferior" : "; not shown non-inferior") : verdict;
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<PairedComparisonResult> comparisons)
    {
        if (comparisons.Count == 0) return;
        var inv = CultureInfo.InvariantCulture;
        var holm = comparisons.Any(c => c.AdjustedPValue is not null);
        var margin = comparisons.FirstOrDefault(c => c.NonInferiority is not null)?.NonInferiority?.Margin;
        var table = new Table().AddColumns("candidate vs baseline", "scorer", "items", "baseline", "candidate", "diff", "95% CI", holm ? "p (Holm)" : "p", "W/T/L", "McNemar p");
        if (margin is not null) table.AddColumn("lower bound (1-sided 95%)");
        table.AddColumn("verdict");
        foreach (var c in comparisons)
        {
            var row = new List<string>
            {
                Markup.Escape($"{c.Candidate} vs {c.Baseline}"),
                Markup.Escape(c.Scorer),
                c.PairedItems.ToString(inv),
                c.BaselineMean.ToString("0.000", inv),
                c.CandidateMean.ToString("0.000", inv),
                c.MeanDifference.ToString("+0.000;-0.000;0.000", inv),
                c.DifferenceInterval is { } ci ? Markup.Escape(string.Create(inv, $"[{ci.Lower:+0.000;-0.000;0.000}, {ci.Upper:+0.000;-0.000;0.000}]")) : "-",
                c.PValue is not { } p ? "-" : c.AdjustedPValue is { } ap ? $"{P(p)} ({P(ap)})" : P(p),
                string.Create(inv, $"{c.Wins}/{c.Ties}/{c.Losses}"),
                c.McNemar is { } m ? P(m.PValue) : "-",
            };
            if (margin is not null) row.Add(c.NonInferiority is { } ni ? string.Create(inv, $"{ni.LowerBound:+0.000;-0.000;0.000} vs -{ni.Margin:0.###}") : "-");
            row.Add(Markup.Escape(Verdict(c)));
            table.AddRow([.. row]);
        }
        if (console.Profile.Width < 220) console.Profile.Width = 220; // redirected output: keep rows on one line for logs and greps
        console.Write(table);
        foreach (var c in comparisons)
        {
            console.WriteLine($"{c.Candidate} vs {c.Baseline}, {c.Scorer}: {c.VerdictReason}");
        }
        if (holm)
        {
            console.WriteLine(string.Create(inv, $"{comparisons.Count} comparisons corrected together (Holm): a verdict is better/worse only when its Holm-adjusted p is below 0.05. McNemar p-values are unadjusted."));
        }
        if (margin is null && comparisons.Any(c => c.Verdict == ComparisonVerdict.NoSignificantDifference))
        {
            console.WriteLine("\"No significant difference\" does not show equivalence; pass --margin D to test non-inferiority.");
        }
    }

    /// <summary>A p-value with four decimals; below 0.0001 as "&lt;0.0001" (a bootstrap p of 0 only means no resample crossed 0).</summary>
    private static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
