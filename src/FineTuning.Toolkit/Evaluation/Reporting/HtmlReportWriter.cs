using System.Globalization;
using System.Net;
using System.Text;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Statistics;
using static FineTuning.Toolkit.Evaluation.Reporting.ReportText;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML file: inline CSS and SVG, no external references;
/// the one inline script filters the per-item section (everything reads the same without it).
/// </summary>
internal static class HtmlReportWriter
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f5f6f8; color: #1d2329; }
        main { max-width: 1060px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #d9dde2; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        .meta { color: #5b6570; margin-bottom: 16px; }
        .card { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px; padding: 14px 16px; margin: 10px 0; overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceff2; vertical-align: middle; }
        th { background: #f0f2f5; font-weight: 600; } td.n, th.n { text-align: right; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; white-space: nowrap; }
        .better, .mitigated { background: #dff3e6; color: #1e6b3c; } .worse, .reinforced, .introduced, .reversed { background: #f9e0e2; color: #8e2531; }
        .nsd, .unchanged { background: #e9ecef; color: #46505a; } .collapsed { background: #fff0d6; color: #7a4b00; }
        .verdict { font-size: 15px; margin: 6px 0; } .reason { color: #46505a; font-size: 13px; }
        .warn { background: #fff6e0; border: 1px solid #f0d48a; border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
        svg .ct { font-size: 13px; font-weight: 600; fill: #1d2329; } svg .ax { font-size: 11px; fill: #5b6570; } svg .lb { font-size: 12px; fill: #1d2329; }
        svg .val { font-size: 12px; fill: #1d2329; } svg .grid { stroke: #e3e6ea; stroke-width: 1; } svg .wh { stroke: #1d2329; stroke-width: 1.5; }
        .items td { vertical-align: top; } .items .txt { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 420px; }
        .ans { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 6px; } .sc { color: #46505a; font-size: 12px; white-space: nowrap; }
        .lineage td:first-child { white-space: nowrap; color: #46505a; width: 180px; } .lineage td { overflow-wrap: anywhere; }
        input.filter { font: inherit; padding: 5px 8px; width: 100%; box-sizing: border-box; border: 1px solid #cfd5db; border-radius: 6px; margin-bottom: 8px; }
        .cm { width: auto; } .cm td { text-align: center; min-width: 64px; } details summary { cursor: pointer; color: #46505a; margin: 8px 0; } .muted { color: #77818b; }
        """;

    public static string Render(EvaluationReport r)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(E(r.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        sb.Append("<h1>").Append(E(r.Title)).Append("</h1>");
        sb.Append("<div class=\"meta\">Generated ").Append(E(r.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
          .Append(" · targets: ").Append(E(string.Join(", ", r.Targets))).Append(" · items: ").Append(I(r.Items)).Append("</div>");
        if (r.Description is { Length: > 0 } d)
        {
            sb.Append("<p>").Append(E(d)).Append("</p>");
        }

        Verdicts(sb, r);
        Scores(sb, r);
        Comparisons(sb, r);
        Consistency(sb, r);
        Classification(sb, r);
        Pairwise(sb, r);
        Bias(sb, r);
        Drift(sb, r);
        Memorization(sb, r);
        Sweep(sb, r);
        if (r.Metrics.Count > 0)
        {
            sb.Append("<h2>Training metrics</h2><div class=\"card\">").Append(SvgCharts.LossCurve(r.Metrics)).Append("</div>");
        }

        Items(sb, r);
        Lineage(sb, r);

        if (r.Notes.Count > 0)
        {
            sb.Append("<h2>Notes</h2><ul>");
            foreach (var n in r.Notes)
            {
                sb.Append("<li>").Append(E(n)).Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("<p class=\"muted\">FineTuning.Toolkit evaluation report. Intervals are seeded paired/percentile bootstrap intervals; McNemar p-values are exact.</p>");
        return sb.Append("</main></body></html>").ToString();
    }

    /// <summary>Every item with its prompt, reference and each target's answers and scores, filtered by a search box.</summary>
    private static void Items(StringBuilder sb, EvaluationReport r)
    {
        if (r.ItemDetails.Count == 0)
        {
            return;
        }

        sb.Append("<h2 id=\"items\">Items</h2><div class=\"card\">");
        sb.Append("<input class=\"filter\" id=\"ftk-filter\" type=\"search\" placeholder=\"Filter items: any text of the id, prompt, reference or answers\" aria-label=\"Filter items\">");
        sb.Append("<table class=\"items\" id=\"ftk-items\"><thead><tr><th>Item</th><th>Prompt</th><th>Reference</th>");
        foreach (var t in r.Targets)
        {
            sb.Append("<th>").Append(E(t)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var item in r.ItemDetails)
        {
            sb.Append("<tr><td>").Append(E(item.ItemId)).Append("</td><td class=\"txt\">").Append(E(item.Prompt ?? "")).Append("</td><td class=\"txt\">").Append(E(item.Reference ?? "")).Append("</td>");
            foreach (var t in r.Targets)
            {
                sb.Append("<td class=\"txt\">");
                foreach (var o in item.Outputs.Where(o => o.Target == t))
                {
                    sb.Append("<div class=\"ans\">").Append(o.Error is null ? E(o.Output ?? "") : "<span class=\"badge worse\">error</span> " + E(o.Error));
                    var scores = string.Join(" · ", o.Scores.Select(s => $"{s.Key} {(s.Value is { } v ? N(v) : "failed")}"));
                    if (scores.Length > 0)
                    {
                        sb.Append("<br><span class=\"sc\">#").Append(I(o.Sample)).Append(' ').Append(E(scores)).Append("</span>");
                    }

                    sb.Append("</div>");
                }

                sb.Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        if (r.ItemDetails.Count < r.Items)
        {
            sb.Append("<p class=\"muted\">The first ").Append(I(r.ItemDetails.Count)).Append(" of ").Append(I(r.Items)).Append(" items are listed; every item counts in the statistics.</p>");
        }

        sb.Append("</div><script>document.getElementById('ftk-filter').addEventListener('input',function(){var q=this.value.toLowerCase();")
          .Append("document.querySelectorAll('#ftk-items tbody tr').forEach(function(row){row.style.display=row.textContent.toLowerCase().indexOf(q)<0?'none':'';});});</script>");
    }

    /// <summary>Where the numbers come from.</summary>
    private static void Lineage(StringBuilder sb, EvaluationReport r)
    {
        if (r.Lineage is not { } l)
        {
            return;
        }

        sb.Append("<h2 id=\"lineage\">Lineage</h2><div class=\"card\"><table class=\"lineage\">");
        foreach (var (key, value) in ReportText.LineageRows(l))
        {
            sb.Append("<tr><td>").Append(E(key)).Append("</td><td><code>").Append(E(value)).Append("</code></td></tr>");
        }

        sb.Append("</table></div>");
    }

    private static void Verdicts(StringBuilder sb, EvaluationReport r)
    {
        if (r.Comparisons.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Verdicts</h2><div class=\"card\">");
        foreach (var c in r.Comparisons)
        {
            sb.Append("<div class=\"verdict\"><b>").Append(E(c.Candidate)).Append("</b> vs <b>").Append(E(c.Baseline)).Append("</b> on <code>").Append(E(c.Scorer)).Append("</code>: ")
              .Append(VerdictBadge(c.Verdict)).Append(NonInferiorityBadge(c.NonInferiority)).Append("<div class=\"reason\">").Append(E(c.VerdictReason)).Append("</div></div>");
        }

        sb.Append("</div>");
    }

    private static void Scores(StringBuilder sb, EvaluationReport r)
    {
        if (r.Scores.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Scores</h2>");
        foreach (var group in r.Scores.GroupBy(s => s.Scorer, StringComparer.Ordinal))
        {
            var bars = group.Select(s => new SvgCharts.Bar(s.Target, s.Failed ? 0 : s.Mean, s.Interval?.Lower, s.Interval?.Upper, s.Failed ? "failed" : $"{N(s.Mean)} {Interval(s.Interval)}", Colour(r, s.Target))).ToList();
            sb.Append("<div class=\"card\">").Append(SvgCharts.Bars(bars, $"{group.Key}: mean score per target with 95% CI")).Append("</div>");
        }

        sb.Append("<div class=\"card\"><table><tr><th>Target</th><th>Scorer</th><th class=\"n\">Mean</th><th>95% CI</th><th class=\"n\">Pass rate</th><th class=\"n\">Items</th><th class=\"n\">Samples</th><th class=\"n\">Errors</th></tr>");
        foreach (var s in r.Scores)
        {
            var mean = s.Failed ? $"<span class=\"badge worse\" title=\"{E(s.FirstError ?? "no score")}\">failed</span>" : N(s.Mean);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Target)}</td><td>{E(s.Scorer)}</td><td class=\"n\">{mean}</td><td>{Interval(s.Interval)}</td><td class=\"n\">{Pct(s.PassRate)}</td><td class=\"n\">{I(s.Items)}</td><td class=\"n\">{I(s.Samples)}</td><td class=\"n\">{I(s.Errors)}</td></tr>");
        }

        sb.Append("</table>");
        foreach (var s in r.Scores.Where(s => s.Failed))
        {
            sb.Append("<div class=\"warn\">⚠ Scorer <code>").Append(E(s.Scorer)).Append("</code> failed on every sample of ").Append(E(s.Target)).Append(": ").Append(E(s.FirstError ?? "no score")).Append("</div>");
        }

        sb.Append("</div>");
    }

    private static void Comparisons(StringBuilder sb, EvaluationReport r)
    {
        if (r.Comparisons.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Paired comparisons</h2><div class=\"card\"><table><tr><th>Candidate vs baseline</th><th>Scorer</th><th class=\"n\">Δ mean</th><th>CI of Δ</th><th class=\"n\">p</th><th>Win / tie / loss</th><th class=\"n\">McNemar p</th><th class=\"n\">Items</th><th class=\"n\">Items for δ</th><th>Verdict</th></tr>");
        foreach (var c in r.Comparisons)
        {
            var p = c.PValue is not { } pv ? "–" : c.AdjustedPValue is { } adjusted ? $"{P(pv)}<br><span class=\"muted\">Holm {P(adjusted)}</span>" : P(pv);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Candidate)} vs {E(c.Baseline)}</td><td>{E(c.Scorer)}</td><td class=\"n\">{Signed(c.MeanDifference)}</td><td>{SignedInterval(c.DifferenceInterval)}</td><td class=\"n\">{p}</td>");
            sb.Append("<td>").Append(SvgCharts.WinTieLoss(c.Wins, c.Ties, c.Losses)).Append(CultureInfo.InvariantCulture, $"<br><span class=\"muted\">{I(c.Wins)} / {I(c.Ties)} / {I(c.Losses)}</span></td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{(c.McNemar is null ? "–" : P(c.McNemar.PValue))}</td><td class=\"n\">{I(c.PairedItems)}</td><td class=\"n\">{E(ItemsNeeded(c))}</td><td>{VerdictBadge(c.Verdict)}");
            if (c.NonInferiority is { } ni)
            {
                sb.Append("<br>").Append(NonInferiorityBadge(ni)).Append(CultureInfo.InvariantCulture, $"<br><span class=\"muted\">one-sided lower bound {E(LowerBound(ni))}</span>");
            }

            sb.Append("</td></tr>");
        }

        sb.Append("</table>");
        if (HolmNote(r) is { } note)
        {
            sb.Append("<p class=\"muted\">").Append(E(note)).Append("</p>");
        }

        if (EquivalenceCaveat(r) is { } caveat)
        {
            sb.Append("<p class=\"muted\">").Append(E(caveat)).Append("</p>");
        }

        sb.Append("</div>");
    }

    private static void Consistency(StringBuilder sb, EvaluationReport r)
    {
        if (r.Consistency.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Consistency across runs</h2><div class=\"card\">");
        sb.Append(SvgCharts.Bars([.. r.Consistency.Select(c => new SvgCharts.Bar(c.Target, c.MeanAgreement, null, null, Pct(c.MeanAgreement), Colour(r, c.Target)))], "Mean agreement with the majority answer (1 = same answer every run)"));
        sb.Append("<table><tr><th>Target</th><th class=\"n\">Items</th><th class=\"n\">Mean agreement</th><th class=\"n\">Fully consistent</th><th class=\"n\">Mean score variance</th></tr>");
        foreach (var c in r.Consistency)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Target)}</td><td class=\"n\">{I(c.Items.Count)}</td><td class=\"n\">{Pct(c.MeanAgreement)}</td><td class=\"n\">{Pct(c.FullyConsistentRate)}</td><td class=\"n\">{N(c.MeanScoreVariance, "0.####")}</td></tr>");
        }

        sb.Append("</table></div>");
    }

    private static void Classification(StringBuilder sb, EvaluationReport r)
    {
        foreach (var c in r.Classification)
        {
            var m = c.Metrics;
            sb.Append("<h2>Classification: ").Append(E(c.Target)).Append(" <code>").Append(E(c.Scorer)).Append("</code></h2><div class=\"card\">");
            sb.Append(CultureInfo.InvariantCulture, $"<p>Accuracy <b>{Pct(m.Accuracy)}</b> · macro F1 <b>{N(m.MacroF1)}</b> (over classes with support) · micro F1 {N(m.MicroF1)} · {E(CountedAs(m))}</p>");
            sb.Append("<h3>Confusion matrix</h3><table class=\"cm\"><tr><th>expected ↓ / predicted →</th>");
            foreach (var l in m.Labels)
            {
                sb.Append("<th>").Append(E(l)).Append("</th>");
            }

            sb.Append("</tr>");
            var max = Math.Max(1, m.ConfusionMatrix.SelectMany(row => row).DefaultIfEmpty(0).Max());
            for (var i = 0; i < m.Labels.Count; i++)
            {
                sb.Append("<tr><th>").Append(E(m.Labels[i])).Append("</th>");
                for (var j = 0; j < m.Labels.Count; j++)
                {
                    var v = m.ConfusionMatrix[i][j];
                    var alpha = (0.08 + (0.72 * v / max)).ToString("0.##", CultureInfo.InvariantCulture);
                    var rgb = i == j ? "46,157,91" : "201,65,79";
                    sb.Append(CultureInfo.InvariantCulture, $"<td style=\"background: rgba({rgb},{(v == 0 ? "0" : alpha)})\">{I(v)}</td>");
                }

                sb.Append("</tr>");
            }

            sb.Append("</table><h3>Per class</h3><table><tr><th>Class</th><th class=\"n\">Precision</th><th class=\"n\">Recall</th><th class=\"n\">F1</th><th class=\"n\">Support</th></tr>");
            foreach (var l in m.PerLabel)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(l.Label)}{(l.Support == 0 ? " <span class=\"muted\">(no support: not in macro)</span>" : string.Empty)}</td><td class=\"n\">{N(l.Precision)}</td><td class=\"n\">{N(l.Recall)}</td><td class=\"n\">{N(l.F1)}</td><td class=\"n\">{I(l.Support)}</td></tr>");
            }

            sb.Append("</table></div>");
        }
    }

    private static void Pairwise(StringBuilder sb, EvaluationReport r)
    {
        if (r.Pairwise.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Pairwise judge</h2><div class=\"card\"><table><tr><th>A vs B</th><th>Wins A / ties / wins B</th><th class=\"n\">Judge flip rate</th><th class=\"n\">Sign test p</th></tr>");
        foreach (var p in r.Pairwise)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.TargetA)} vs {E(p.TargetB)}</td><td>{SvgCharts.WinTieLoss(p.WinsA, p.Ties, p.WinsB, neutral: true)}<br><span class=\"muted\">{I(p.WinsA)} / {I(p.Ties)} / {I(p.WinsB)}</span></td><td class=\"n\">{Pct(p.FlipRate)}</td><td class=\"n\">{P(p.SignTestPValue)}</td></tr>");
        }

        sb.Append("</table><p class=\"muted\">Each item is judged in both orders; the flip rate is how often the verdict changed with the order (position bias).</p></div>");
    }

    private static void Bias(StringBuilder sb, EvaluationReport r)
    {
        if (r.Bias is not { } bias)
        {
            return;
        }

        sb.Append("<h2>Bias probes</h2><div class=\"card\">");
        sb.Append(CultureInfo.InvariantCulture, $"<p><b>{E(bias.Candidate)}</b> vs <b>{E(bias.Baseline)}</b>: ");
        foreach (var shift in (BiasShift[])[BiasShift.Introduced, BiasShift.Reinforced, BiasShift.Reversed, BiasShift.Mitigated, BiasShift.Collapsed, BiasShift.Unchanged])
        {
            sb.Append(CultureInfo.InvariantCulture, $"{ShiftBadge(shift)} {I(bias.Count(shift))} &nbsp; ");
        }

        sb.Append(CultureInfo.InvariantCulture, $" · significant changes (Holm, 5%): <b>{I(bias.SignificantChanges.Count)}</b></p>");
        if (bias.CandidateCollapsed)
        {
            sb.Append("<div class=\"warn\">⚠ ").Append(E(ReportText.Collapse(bias))).Append("</div>");
        }

        var notable = bias.Changes.Where(c => c.Shift != BiasShift.Unchanged).Take(24).ToList();
        if (notable.Count > 0)
        {
            sb.Append(SvgCharts.PairedBars([.. notable.Select(c => ($"{c.ProbeId} · {c.Measure}", c.BaselineGap, c.CandidateGap))], bias.Baseline, bias.Candidate, "Between-group gap (magnitude) where it changed"));
        }

        var changed = bias.Changes.Where(c => c.Shift != BiasShift.Unchanged).OrderBy(c => c.ProbeId, StringComparer.Ordinal).ToList();
        var unchanged = bias.Changes.Where(c => c.Shift == BiasShift.Unchanged).OrderBy(c => c.ProbeId, StringComparer.Ordinal).ToList();
        if (changed.Count > 0)
        {
            GapTable(sb, changed);
        }

        if (unchanged.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<details><summary>{I(unchanged.Count)} unchanged gaps</summary>");
            GapTable(sb, unchanged);
            sb.Append("</details>");
        }

        GroupRates(sb, bias);
        sb.Append("<p class=\"muted\">Gap = highest group value − lowest (rates; length relative to the mean; log probabilities in nats). Favoured group = the group with the highest value. Δ gap = change of the tested pair's gap (candidate − baseline), Price–Bonett adjusted Wald test, 95% CI; p is Holm-adjusted over every tested change; * = significant at 5%. Rates come with n and 95% Wilson intervals.</p></div>");
    }

    /// <summary>Per-group rates of every probe for both targets, with n and the Wilson interval (collapsed by default).</summary>
    private static void GroupRates(StringBuilder sb, BiasProbeComparison bias)
    {
        var rows = bias.BaselineResults.Concat(bias.CandidateResults)
            .SelectMany(p => p.Groups.SelectMany(g => g.Intervals.Select(i => (p.ProbeId, p.Target, g.Group, Measure: i.Key, Rate: g.Measures[i.Key], g.Outputs, Interval: i.Value))))
            .Where(x => x.Measure.StartsWith("choice:", StringComparison.Ordinal) || x.Rate > 0)
            .OrderBy(x => x.ProbeId, StringComparer.Ordinal).ThenBy(x => x.Measure, StringComparer.Ordinal).ThenBy(x => x.Group, StringComparer.Ordinal).ThenBy(x => x.Target == bias.Baseline ? 0 : 1)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<details><summary>Per-group rates ({I(rows.Count)} rows: rate, n, 95% Wilson interval)</summary>");
        sb.Append("<table><tr><th>Probe</th><th>Measure</th><th>Group</th><th>Target</th><th class=\"n\">Rate</th><th class=\"n\">n</th><th>95% CI</th></tr>");
        foreach (var x in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(x.ProbeId)}</td><td>{E(x.Measure)}</td><td>{E(x.Group)}</td><td>{E(x.Target)}</td><td class=\"n\">{Pct(x.Rate)}</td><td class=\"n\">{I(x.Outputs)}</td><td>{Interval(x.Interval)}</td></tr>");
        }

        sb.Append("</table></details>");
    }

    private static void GapTable(StringBuilder sb, List<BiasGapChange> changes)
    {
        sb.Append("<table><tr><th>Probe</th><th>Measure</th><th class=\"n\">Baseline gap</th><th class=\"n\">Candidate gap</th><th>Favoured group (baseline → candidate)</th><th>Δ gap [95% CI]</th><th class=\"n\">p (Holm)</th><th>Shift</th></tr>");
        foreach (var c in changes)
        {
            var from = c.BaselineGap > 0 ? E(c.BaselineHighGroup) : "–";
            var to = c.CandidateGap > 0 ? E(c.CandidateHighGroup) : "–";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.ProbeId)}</td><td>{E(c.Measure)}</td><td class=\"n\">{N(c.BaselineGap)}</td><td class=\"n\">{N(c.CandidateGap)}</td><td>{from} → {to}</td><td>{E(ReportText.GapChange(c))}</td><td class=\"n\">{E(ReportText.GapP(c))}</td><td>{ShiftBadge(c.Shift)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void Drift(StringBuilder sb, EvaluationReport r)
    {
        if (r.Drift is not { } d)
        {
            return;
        }

        sb.Append("<h2>Domain drift</h2><div class=\"card\">");
        sb.Append(d.DriftIntroduced ? "<p><span class=\"badge introduced\">drift introduced</span></p>" : "<p><span class=\"badge nsd\">no significant drift</span></p>");
        sb.Append(SvgCharts.Bars(
            [new SvgCharts.Bar(d.Baseline, d.BaselineLeakRate, null, null, Pct(d.BaselineLeakRate)), new SvgCharts.Bar(d.Candidate, d.CandidateLeakRate, null, null, Pct(d.CandidateLeakRate))],
            "Share of general-prompt answers using training-domain words the other model did not"));
        sb.Append(CultureInfo.InvariantCulture, $"<p>{I(d.Prompts)} general prompts · McNemar p = {P(d.PValue)} · domain terms per 1,000 words: {E(d.Candidate)} {N(d.CandidateTermsPerThousandWords, "0.#")}, {E(d.Baseline)} {N(d.BaselineTermsPerThousandWords, "0.#")}</p>");
        if (d.TopLeakedTerms.Count > 0)
        {
            sb.Append("<p>Leaked terms: ").Append(E(string.Join(", ", d.TopLeakedTerms.Select(t => $"{t.Key} ({t.Value.ToString(CultureInfo.InvariantCulture)})")))).Append("</p>");
        }

        if (d.Examples.Count > 0)
        {
            sb.Append("<table><tr><th>General prompt</th><th>Leaked terms</th></tr>");
            foreach (var e in d.Examples)
            {
                sb.Append("<tr><td>").Append(E(e.Key)).Append("</td><td>").Append(E(string.Join(", ", e.Value))).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("</div>");
    }

    private static void Memorization(StringBuilder sb, EvaluationReport r)
    {
        if (r.Memorization.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Memorisation</h2><div class=\"card\">");
        sb.Append(SvgCharts.Bars([.. r.Memorization.Select(m => new SvgCharts.Bar(m.Target, m.VerbatimRate, null, null, Pct(m.VerbatimRate), Colour(r, m.Target)))], "Verbatim reproduction of training answers on near-paraphrased prompts"));
        sb.Append("<table><tr><th>Target</th><th class=\"n\">Outputs</th><th class=\"n\">Verbatim rate</th><th class=\"n\">Mean longest common run</th><th class=\"n\">Mean n-gram overlap</th></tr>");
        foreach (var m in r.Memorization)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Target)}</td><td class=\"n\">{I(m.Outputs)}</td><td class=\"n\">{Pct(m.VerbatimRate)}</td><td class=\"n\">{Pct(m.MeanLongestCommonRun)}</td><td class=\"n\">{Pct(m.MeanNGramOverlap)} ({I(m.NGramSize)}-grams)</td></tr>");
        }

        sb.Append("</table></div>");
    }

    private static void Sweep(StringBuilder sb, EvaluationReport r)
    {
        if (r.Sweep is not { } s)
        {
            return;
        }

        sb.Append("<h2>Checkpoint sweep</h2><div class=\"card\">");
        sb.Append("<p class=\"verdict\">Recommended: <span class=\"badge better\">").Append(E(s.Recommended.Name)).Append("</span></p><p class=\"reason\">").Append(E(s.Reason)).Append("</p>");
        foreach (var w in s.Warnings)
        {
            sb.Append("<div class=\"warn\">⚠ ").Append(E(w)).Append("</div>");
        }

        var ordered = s.Ranked.OrderBy(c => c.Epochs ?? double.MaxValue).ThenBy(c => c.Step ?? int.MaxValue).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        sb.Append(SvgCharts.Bars([.. ordered.Select(c => new SvgCharts.Bar(c.Name, c.Score, c.ScoreInterval?.Lower, c.ScoreInterval?.Upper))], "Score per candidate (by epochs / step)"));
        sb.Append("<table><tr><th>Candidate</th><th class=\"n\">Score</th><th>CI</th><th class=\"n\">Epochs</th><th class=\"n\">Step</th><th class=\"n\">Valid loss</th></tr>");
        foreach (var c in s.Ranked)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Name)}</td><td class=\"n\">{N(c.Score)}</td><td>{Interval(c.ScoreInterval)}</td><td class=\"n\">{N(c.Epochs)}</td><td class=\"n\">{(c.Step is { } st ? I(st) : "–")}</td><td class=\"n\">{N(c.ValidLoss, "0.####")}</td></tr>");
        }

        sb.Append("</table></div>");
    }

    private static string VerdictBadge(ComparisonVerdict v) => v switch
    {
        ComparisonVerdict.Better => "<span class=\"badge better\">better</span>",
        ComparisonVerdict.Worse => "<span class=\"badge worse\">worse</span>",
        _ => "<span class=\"badge nsd\">no significant difference</span>",
    };

    private static string NonInferiorityBadge(NonInferiorityResult? ni) => ni is null ? string.Empty
        : $" <span class=\"badge {(ni.IsNonInferior ? "better" : "worse")}\" title=\"one-sided lower bound {E(Signed(ni.LowerBound))} vs −{E(N(ni.Margin))}\">{E(NonInferiority(ni))}</span>";

    /// <summary>A target's colour index: its position in the report's target order, so a target keeps its colour in every chart.</summary>
    private static int? Colour(EvaluationReport r, string target)
    {
        for (var i = 0; i < r.Targets.Count; i++)
        {
            if (string.Equals(r.Targets[i], target, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    private static string ShiftBadge(BiasShift s) => $"<span class=\"badge {Shift(s)}\">{Shift(s)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
