using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Evaluation.Reporting;

namespace FineTuning.Toolkit.Tests.Evaluation;

public sealed class ReportTests
{
    [Fact]
    public async Task Html_report_is_self_contained_and_shows_the_numbers()
    {
        var report = await DemoReport.CreateAsync();
        var html = EvaluationReportWriter.Render(report, ReportFormat.Html);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("https?://", RegexOptions.IgnoreCase), html);
        // One inline script (the per-item filter), nothing loaded from anywhere.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.Contains("<script>document.getElementById('ftk-filter')", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Regex.Matches(html, "<svg").Count >= 6, "score bars, win/tie/loss, consistency, bias, drift, memorisation, sweep and loss charts");
        Assert.Contains("<polyline", html, StringComparison.Ordinal); // loss curve

        var cmp = report.Comparisons.Single(c => c.Scorer == "normalized-exact");
        Assert.Equal(FineTuning.Toolkit.Evaluation.Statistics.ComparisonVerdict.Better, cmp.Verdict);
        Assert.Contains("badge better", html, StringComparison.Ordinal);
        Assert.Contains(ReportText.Signed(cmp.MeanDifference), html, StringComparison.Ordinal);
        Assert.Contains(ReportText.SignedInterval(cmp.DifferenceInterval), html, StringComparison.Ordinal);
        Assert.Contains("confusion matrix", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("introduced", html, StringComparison.Ordinal);
        Assert.Contains("Recommended: <span class=\"badge better\">ckpt-step-40</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_encodes_user_text()
    {
        var report = (await DemoReport.CreateAsync()) with { Title = "<script>alert(1)</script>" };
        var html = EvaluationReportWriter.Render(report, ReportFormat.Html);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script>"));
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);

        // Answers and prompts in the per-item section are encoded too.
        var items = report with { ItemDetails = [new ReportItem("i1", "<b>prompt</b>", "<i>ref</i>", [new ReportItemOutput("base", 0, "</td><script>alert(2)</script>", null, new Dictionary<string, double?> { ["exact"] = 1 })])] };
        var itemsHtml = EvaluationReportWriter.Render(items, ReportFormat.Html);
        Assert.DoesNotContain("<script>alert(2)", itemsHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;/td&gt;&lt;script&gt;alert(2)", itemsHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;prompt&lt;/b&gt;", itemsHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_report_lists_each_item_with_prompt_reference_answers_and_scores_and_its_lineage()
    {
        var report = await DemoReport.CreateAsync();
        Assert.Equal(40, report.ItemDetails.Count);
        var t05 = report.ItemDetails.Single(i => i.ItemId == "t05");
        Assert.Equal("Ticket 5", t05.Prompt);
        Assert.Equal("refund", t05.Reference);
        Assert.Equal(6, t05.Outputs.Count); // 2 targets x 3 samples, baseline first
        Assert.Equal(["base", "base", "base", "tuned", "tuned", "tuned"], t05.Outputs.Select(o => o.Target));
        Assert.Equal(1, t05.Outputs[3].Scores["normalized-exact"]);

        var md = EvaluationReportWriter.Render(report, ReportFormat.Markdown);
        Assert.Contains("evaluation set sha256 `" + new string('a', 64) + "`", md, StringComparison.Ordinal);
        Assert.Contains("judge model `gpt-4.1-2025-04-14`", md, StringComparison.Ordinal);
        Assert.Contains("job of tuned `ftjob-demo`", md, StringComparison.Ordinal);
        var json = EvaluationReportWriter.Render(report, ReportFormat.Json);
        Assert.Contains("\"eval_set_sha256\"", json, StringComparison.Ordinal);
        Assert.Contains("\"toolkit_version\"", json, StringComparison.Ordinal);
        Assert.Contains("\"item_details\"", json, StringComparison.Ordinal);

        // Without lineage given, a report still names the toolkit version.
        var bare = new EvaluationReportBuilder("bare").Build();
        Assert.Equal(FineTuning.Toolkit.ToolkitInfo.Version, bare.Lineage!.ToolkitVersion);
        Assert.Contains("toolkit version", EvaluationReportWriter.Render(bare, ReportFormat.Html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_report_has_the_verdicts_and_sections()
    {
        var report = await DemoReport.CreateAsync();
        var md = EvaluationReportWriter.Render(report, ReportFormat.Markdown);
        Assert.Contains("## Verdicts", md, StringComparison.Ordinal);
        Assert.Contains("**tuned vs base** on `normalized-exact`: **better**", md, StringComparison.Ordinal);
        Assert.Contains("## Confusion", md.Replace("Classification", "Confusion", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Confusion matrix (rows = expected, columns = predicted)", md, StringComparison.Ordinal);
        Assert.Contains("## Bias probes", md, StringComparison.Ordinal);
        Assert.Contains("**Recommended: ckpt-step-40**", md, StringComparison.Ordinal);
        Assert.Contains("> ⚠ Overfitting", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_round_trips_the_key_numbers()
    {
        var report = await DemoReport.CreateAsync();
        using var doc = JsonDocument.Parse(EvaluationReportWriter.Render(report, ReportFormat.Json));
        var root = doc.RootElement;
        Assert.Equal("Support triage: base vs fine-tuned", root.GetProperty("title").GetString());
        var comparison = root.GetProperty("comparisons")[0];
        Assert.Equal("better", comparison.GetProperty("verdict").GetString());
        Assert.Equal(report.Comparisons[0].MeanDifference, comparison.GetProperty("mean_difference").GetDouble(), 12);
        Assert.Equal(report.Classification.Count, root.GetProperty("classification").GetArrayLength());
    }

    [Fact]
    public async Task Json_report_uses_the_snake_case_convention_for_every_name_and_enum_value()
    {
        var report = await DemoReport.CreateAsync();
        var text = EvaluationReportWriter.Render(report, ReportFormat.Json);
        using var doc = JsonDocument.Parse(text);
        var names = new List<string>();
        Collect(doc.RootElement, names);
        Assert.Contains("generated_at", names);
        Assert.Contains("mean_difference", names);
        Assert.All(names, n => Assert.DoesNotContain(n, c => char.IsUpper(c)));
        Assert.Contains("\n", text, StringComparison.Ordinal);
        foreach (var verdict in doc.RootElement.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()))
        {
            Assert.Contains(verdict, new[] { "better", "worse", "no_significant_difference" });
        }

        static void Collect(JsonElement e, List<string> into)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    into.Add(p.Name);
                    Collect(p.Value, into);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, into);
                }
            }
        }
    }

    [Fact]
    public async Task Write_async_infers_the_format_and_replaces_atomically()
    {
        var report = await DemoReport.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("ftk-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "r.html");
            await EvaluationReportWriter.WriteAsync(report, path);
            await EvaluationReportWriter.WriteAsync(report, path);
            Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(dir.FullName));
            Assert.Throws<ArgumentException>(() => EvaluationReportWriter.FormatFromPath("r.txt"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Writes the demo report where FTK_REPORT_OUT points (used by tools/render-report.sh); a no-op otherwise.</summary>
    [Fact]
    public async Task Write_demo_report_for_rendering()
    {
        var target = Environment.GetEnvironmentVariable("FTK_REPORT_OUT");
        if (string.IsNullOrEmpty(target))
        {
            return;
        }

        var report = await DemoReport.CreateAsync();
        await EvaluationReportWriter.WriteAsync(report, target);
        await EvaluationReportWriter.WriteAsync(report, Path.ChangeExtension(target, ".md"));
    }
}
