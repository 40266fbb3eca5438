using FineTuning.Toolkit.Evaluation.Items;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Statistics;
using static FineTuning.Toolkit.Tests.Evaluation.StatisticsTests;

namespace FineTuning.Toolkit.Tests.Evaluation;

/// <summary>The HTML report's layout: no clipped labels, stable target order and colours, and what each verdict shows.</summary>
public sealed partial class ReportLayoutTests
{
    /// <summary>Three targets whose results arrive interleaved and out of order, with scores that give long CI labels.</summary>
    private static EvaluationReport ThreeTargets(PairedComparisonOptions? options = null, bool order = true)
    {
        var results = new List<EvalSampleResult>();
        for (var i = 0; i < 12; i++)
        {
            results.Add(R($"i{i:00}", "tuned-with-a-long-name", 0, (i % 4) / 3d));
            results.Add(R($"i{i:00}", "base", 0, (i % 3) / 7d));
            results.Add(R($"i{i:00}", "other", 0, (i % 5) / 9d));
        }

        var builder = new EvaluationReportBuilder("Three targets").AddResults(results)
            .Compare("base", "tuned-with-a-long-name").Compare("base", "other")
            .WithComparisonOptions(options ?? new PairedComparisonOptions());
        if (order)
        {
            builder.WithTargetOrder(["base", "tuned-with-a-long-name", "other"]);
        }

        return builder.Build();
    }

    [GeneratedRegex("<svg[^>]*\\swidth=\"(?<w>[0-9.]+)\"[^>]*>(?<body>.*?)</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();

    [GeneratedRegex("<text x=\"(?<x>[0-9.]+)\"[^>]*class=\"val\">(?<t>[^<]*)</text>")]
    private static partial Regex ValueTextPattern();

    [GeneratedRegex("<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\" height=\"18\" rx=\"3\" fill=\"(?<c>#[0-9a-f]{6})\"")]
    private static partial Regex BarFillPattern();

    private static int AssertNoValueLabelIsCut(string html)
    {
        var checkedLabels = 0;
        var longest = 0;
        foreach (Match svg in SvgPattern().Matches(html))
        {
            var width = double.Parse(svg.Groups["w"].Value, CultureInfo.InvariantCulture);
            foreach (Match text in ValueTextPattern().Matches(svg.Groups["body"].Value))
            {
                var label = WebUtility.HtmlDecode(text.Groups["t"].Value);
                var x = double.Parse(text.Groups["x"].Value, CultureInfo.InvariantCulture);
                if (label.Contains('[', StringComparison.Ordinal))
                {
                    Assert.EndsWith("]", label, StringComparison.Ordinal);
                    Assert.Equal(1, label.Count(ch => ch == '['));
                    Assert.Equal(1, label.Count(ch => ch == ']'));
                }

                // A conservative 7.5 px per character at 12 px (digits are about 6.7 px wide in system-ui).
                Assert.True(x + (label.Length * 7.5) <= width, $"'{label}' at x = {x} needs {label.Length * 7.5:0} px but the chart is {width} px wide");
                checkedLabels++;
                longest = Math.Max(longest, label.Length);
            }
        }

        Assert.True(checkedLabels > 0, "no value labels found");
        return longest;
    }

    [Fact]
    public async Task Ci_labels_in_every_score_chart_have_both_brackets_and_fit_the_chart()
    {
        AssertNoValueLabelIsCut(EvaluationReportWriter.Render(await DemoReport.CreateAsync(), ReportFormat.Html));
        var longest = AssertNoValueLabelIsCut(EvaluationReportWriter.Render(ThreeTargets(), ReportFormat.Html));
        Assert.True(longest >= 19, "labels as long as '0.542 [0.333, 0.75]' (19 characters), which the old 120 px column cut");
    }

    [Fact]
    public void Targets_keep_the_given_order_and_colours()
    {
        var report = ThreeTargets();
        Assert.Equal(["base", "tuned-with-a-long-name", "other"], report.Targets);
        Assert.Equal(["base", "tuned-with-a-long-name", "other"], report.Scores.Select(s => s.Target));
        var fills = BarFillPattern().Matches(EvaluationReportWriter.Render(report, ReportFormat.Html)).Select(m => m.Groups["c"].Value).Take(3).ToList();
        Assert.Equal([SvgCharts.Palette[0], SvgCharts.Palette[1], SvgCharts.Palette[2]], fills);

        // Without an explicit order, the comparisons give it (baseline first), not the order results arrived in.
        Assert.Equal(["base", "tuned-with-a-long-name", "other"], ThreeTargets(order: false).Targets);
    }

    [Fact]
    public void Report_states_holm_and_non_inferiority_and_shows_items_needed_only_when_not_significant()
    {
        var report = ThreeTargets(new PairedComparisonOptions { NonInferiorityMargin = 0.1 });
        Assert.All(report.Comparisons, c => Assert.Equal(2, c.FamilySize));
        Assert.All(report.Comparisons, c => Assert.NotNull(c.NonInferiority));
        var md = EvaluationReportWriter.Render(report, ReportFormat.Markdown);
        Assert.Contains("Holm's step-down method", md, StringComparison.Ordinal);
        Assert.Contains("| Non-inferiority |", md, StringComparison.Ordinal);
        var html = EvaluationReportWriter.Render(report, ReportFormat.Html);
        Assert.Contains("Holm", html, StringComparison.Ordinal);
        Assert.Contains("non-inferior (margin 0.1)", html, StringComparison.Ordinal);

        foreach (var c in report.Comparisons)
        {
            var row = md.Split('\n').Single(l => l.StartsWith($"| {c.Candidate} vs {c.Baseline} | s |", StringComparison.Ordinal));
            var cells = row.Split(" | ");
            var itemsNeeded = cells[8];
            if (c.Verdict == ComparisonVerdict.NoSignificantDifference && c.ItemsNeededForMinimumEffect is { } n)
            {
                Assert.StartsWith(n.ToString(CultureInfo.InvariantCulture), itemsNeeded, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("–", itemsNeeded);
            }
        }

        Assert.Contains(report.Comparisons, c => c.Verdict != ComparisonVerdict.NoSignificantDifference);
    }
}
