using System.Globalization;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Probe;

/// <summary>The human view of <c>ftk probe</c>: one table per kind, from the same records <c>--json</c> prints.</summary>
internal static class ProbeTables
{
    public static Table Bias(IReadOnlyList<BiasProbeJson.BiasFinding> findings)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("probe", "measure", "baseline gap", "candidate gap", "baseline high", "candidate high", "shift");
        foreach (var f in findings)
        {
            table.AddRow(Markup.Escape(f.Probe), Markup.Escape(f.Measure), Number(f.BaselineGap), Number(f.CandidateGap), Markup.Escape(f.BaselineHighGroup), Markup.Escape(f.CandidateHighGroup), Markup.Escape(f.Shift.ToString()));
        }

        if (findings.Count == 0) table.AddRow("-", "no findings", "", "", "", "", "");
        return table;
    }

    public static Table Drift(DriftProbeJson.DriftFinding finding, string baseline, string candidate)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("prompts", $"{Markup.Escape(baseline)} leak rate", $"{Markup.Escape(candidate)} leak rate", "p-value", "drift introduced", "top leaked terms");
        table.AddRow(
            finding.Prompts.ToString(CultureInfo.InvariantCulture),
            Percent(finding.BaselineLeakRate),
            Percent(finding.CandidateLeakRate),
            Number(finding.PValue),
            finding.DriftIntroduced ? "[red]yes[/]" : "no",
            Markup.Escape(string.Join(", ", finding.TopLeakedTerms.Take(8).Select(t => $"{t.Text} ({t.Count})"))));
        return table;
    }

    public static Table Memorization(IReadOnlyList<MemorizationProbeJson.MemorizationFinding> findings)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("target", "outputs", "verbatim rate", "mean n-gram overlap");
        foreach (var f in findings)
        {
            table.AddRow(Markup.Escape(f.Target), f.Outputs.ToString(CultureInfo.InvariantCulture), Percent(f.VerbatimRate), Number(f.MeanNgramOverlap));
        }

        return table;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.#}%");
}
