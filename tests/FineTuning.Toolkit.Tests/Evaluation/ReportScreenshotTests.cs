using System.Diagnostics;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Reporting;

namespace FineTuning.Toolkit.Tests.Evaluation;

/// <summary>
/// Issue 16: the HTML report rendered by headless Chromium (Debian <c>chromium</c>): a script in the page measures every
/// SVG label against its chart and every box against its content, and a screenshot is written for a human to look at.
/// Skips (passes with nothing checked) when no Chromium is installed.
/// </summary>
public sealed class ReportScreenshotTests
{
    /// <summary>Lists clipped text: SVG labels outside their chart, boxes whose content overflows them (hidden or scrolled away), text past the page's right edge.</summary>
    private const string MeasureScript = """
        <script>window.addEventListener('load', function () {
          var bad = [];
          document.querySelectorAll('svg').forEach(function (svg) {
            var w = svg.width.baseVal.value;
            svg.querySelectorAll('text').forEach(function (t) {
              var b = t.getBBox();
              if (b.x < -0.5 || b.x + b.width > w + 0.5) bad.push('svg label "' + t.textContent + '" spans ' + Math.round(b.x) + '..' + Math.round(b.x + b.width) + ' in a ' + w + ' px chart');
            });
          });
          document.querySelectorAll('main *').forEach(function (e) {
            if (e.closest('svg')) return;
            var s = getComputedStyle(e);
            if (s.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1) bad.push(e.tagName.toLowerCase() + '.' + e.className + ' overflows by ' + (e.scrollWidth - e.clientWidth) + ' px: "' + e.textContent.trim().slice(0, 60) + '"');
            if (s.overflowY === 'hidden' && e.scrollHeight > e.clientHeight + 1) bad.push(e.tagName.toLowerCase() + ' cuts text vertically: "' + e.textContent.trim().slice(0, 60) + '"');
            var r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > document.documentElement.clientWidth + 1) bad.push(e.tagName.toLowerCase() + ' past the page edge: "' + e.textContent.trim().slice(0, 60) + '"');
          });
          var out = document.createElement('pre'); out.id = 'ftk-layout'; out.textContent = JSON.stringify(bad); document.body.appendChild(out);
        });</script>
        """;

    private static string? Chromium() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunChromiumAsync(string browser, params string[] args)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking", .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout;
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(1000)]
    public async Task Rendered_report_has_no_clipped_text_in_any_section(int width)
    {
        if (Chromium() is not { } browser)
        {
            return; // no Chromium on this machine: nothing to render (the SVG geometry is still checked by ReportLayoutTests)
        }

        var dir = Directory.CreateTempSubdirectory("ftk-report-shot-").FullName;
        try
        {
            var report = await DemoReport.CreateAsync();
            var html = EvaluationReportWriter.Render(report, ReportFormat.Html);
            Assert.Contains("id=\"items\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"lineage\"", html, StringComparison.Ordinal);
            var page = Path.Combine(dir, "report.html");
            await File.WriteAllTextAsync(page, html.Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal));

            var dom = await RunChromiumAsync(browser, $"--window-size={width},2400", "--virtual-time-budget=3000", "--dump-dom", new Uri(page).AbsoluteUri);
            var start = dom.IndexOf("<pre id=\"ftk-layout\">", StringComparison.Ordinal);
            Assert.True(start >= 0, "the measuring script did not run: " + dom[..Math.Min(300, dom.Length)]);
            var json = System.Net.WebUtility.HtmlDecode(dom[(start + "<pre id=\"ftk-layout\">".Length)..dom.IndexOf("</pre>", start, StringComparison.Ordinal)]);
            var problems = JsonSerializer.Deserialize<string[]>(json)!;
            Assert.True(problems.Length == 0, string.Join("\n", problems));

            // A screenshot for a human (FTK_REPORT_SHOT=folder keeps it).
            var shot = Path.Combine(Environment.GetEnvironmentVariable("FTK_REPORT_SHOT") is { Length: > 0 } keep ? keep : dir, $"report-{width}.png");
            await RunChromiumAsync(browser, $"--window-size={width},9000", "--screenshot=" + shot, new Uri(Path.Combine(dir, "report.html")).AbsoluteUri);
            Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is empty");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
