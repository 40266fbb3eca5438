using System.Text;
using FineTuning.Toolkit.Evaluation.Probes;
using static FineTuning.Toolkit.Evaluation.Reporting.ReportText;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>Renders an <see cref="EvaluationReport"/> as GitHub-flavoured Markdown.</summary>
internal static class MarkdownReportWriter
{
    public static string Render(EvaluationReport r)
    {
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Esc(r.Title)).AppendLine();
        sb.Append("Generated ").Append(r.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))
          .Append(" · targets: ").Append(string.Join(", ", r.Targets.Select(Esc))).Append(" · items: ").AppendLine(I(r.Items)).AppendLine();
        if (r.Description is { Length: > 0 } d)
        {
            sb.AppendLine(Esc(d)).AppendLine();
        }

        if (r.Lineage is { } lineage)
        {
            sb.AppendLine("Lineage: " + string.Join(" · ", ReportText.LineageRows(lineage).Select(row => $"{row.Key} `{row.Value}`"))).AppendLine();
        }

        if (r.Comparisons.Count > 0)
        {
            sb.AppendLine("## Verdicts").AppendLine();
            foreach (var c in r.Comparisons)
            {
                sb.Append("- **").Append(Esc(c.Candidate)).Append(" vs ").Append(Esc(c.Baseline)).Append("** on `").Append(c.Scorer).Append("`: **")
                  .Append(Verdict(c.Verdict)).Append(c.NonInferiority is null ? string.Empty : "; " + NonInferiority(c.NonInferiority)).Append("** — ").AppendLine(Esc(c.VerdictReason));
            }

            sb.AppendLine();
        }

        if (r.Scores.Count > 0)
        {
            sb.AppendLine("## Scores").AppendLine();
            sb.AppendLine("| Target | Scorer | Mean | 95% CI | Pass rate | Items | Samples | Errors |");
            sb.AppendLine("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
            foreach (var s in r.Scores)
            {
                var mean = s.Failed ? "**failed**" : N(s.Mean);
                sb.AppendLine($"| {Esc(s.Target)} | {Esc(s.Scorer)} | {mean} | {Interval(s.Interval)} | {Pct(s.PassRate)} | {I(s.Items)} | {I(s.Samples)} | {I(s.Errors)} |");
            }

            foreach (var s in r.Scores.Where(s => s.Failed))
            {
                sb.AppendLine().Append("> ⚠ Scorer `").Append(s.Scorer).Append("` failed on every sample of ").Append(Esc(s.Target)).Append(": ").AppendLine(Esc(s.FirstError ?? "no score"));
            }

            sb.AppendLine();
        }

        if (r.Comparisons.Count > 0)
        {
            sb.AppendLine("## Paired comparisons").AppendLine();
            var margin = r.Comparisons.Any(c => c.NonInferiority is not null);
            sb.AppendLine("| Candidate vs baseline | Scorer | Δ mean | CI of Δ | p | Win / tie / loss | McNemar p | Items | Items for min. effect | Verdict |" + (margin ? " Lower bound (one-sided) | Non-inferiority |" : string.Empty));
            sb.AppendLine("| --- | --- | ---: | --- | ---: | --- | ---: | ---: | ---: | --- |" + (margin ? " ---: | --- |" : string.Empty));
            foreach (var c in r.Comparisons)
            {
                sb.AppendLine($"| {Esc(c.Candidate)} vs {Esc(c.Baseline)} | {Esc(c.Scorer)} | {Signed(c.MeanDifference)} | {SignedInterval(c.DifferenceInterval)} | {PValue(c)} | {I(c.Wins)} / {I(c.Ties)} / {I(c.Losses)} | {(c.McNemar is null ? "–" : P(c.McNemar.PValue))} | {I(c.PairedItems)} | {ItemsNeeded(c)} | {Verdict(c.Verdict)} |"
                    + (margin ? $" {LowerBound(c.NonInferiority)} | {(c.NonInferiority is null ? "–" : NonInferiority(c.NonInferiority))} |" : string.Empty));
            }

            sb.AppendLine();
            if (HolmNote(r) is { } note)
            {
                sb.AppendLine(note).AppendLine();
            }

            if (EquivalenceCaveat(r) is { } caveat)
            {
                sb.AppendLine(caveat).AppendLine();
            }
        }

        if (r.Consistency.Count > 0)
        {
            sb.AppendLine("## Consistency across runs").AppendLine();
            sb.AppendLine("| Target | Items | Mean agreement | Fully consistent | Mean score variance |");
            sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var c in r.Consistency)
            {
                sb.AppendLine($"| {Esc(c.Target)} | {I(c.Items.Count)} | {Pct(c.MeanAgreement)} | {Pct(c.FullyConsistentRate)} | {N(c.MeanScoreVariance, "0.####")} |");
            }

            sb.AppendLine();
        }

        foreach (var c in r.Classification)
        {
            var m = c.Metrics;
            sb.Append("## Classification: ").Append(Esc(c.Target)).Append(" (`").Append(c.Scorer).AppendLine("`)").AppendLine();
            sb.AppendLine($"Accuracy {Pct(m.Accuracy)} · macro F1 {N(m.MacroF1)} (over classes with support) · micro F1 {N(m.MicroF1)} · {CountedAs(m)}").AppendLine();
            sb.AppendLine("| Class | Precision | Recall | F1 | Support |").AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var l in m.PerLabel)
            {
                sb.AppendLine($"| {Esc(l.Label)}{(l.Support == 0 ? " (no support: not in macro)" : string.Empty)} | {N(l.Precision)} | {N(l.Recall)} | {N(l.F1)} | {I(l.Support)} |");
            }

            sb.AppendLine().AppendLine("Confusion matrix (rows = expected, columns = predicted):").AppendLine();
            sb.AppendLine("| | " + string.Join(" | ", m.Labels.Select(Esc)) + " |");
            sb.AppendLine("| --- |" + string.Concat(m.Labels.Select(_ => " ---: |")));
            for (var i = 0; i < m.Labels.Count; i++)
            {
                sb.AppendLine($"| **{Esc(m.Labels[i])}** | " + string.Join(" | ", m.ConfusionMatrix[i].Select(I)) + " |");
            }

            sb.AppendLine();
        }

        if (r.Pairwise.Count > 0)
        {
            sb.AppendLine("## Pairwise judge").AppendLine();
            sb.AppendLine("| A vs B | A wins | B wins | Ties | Judge flip rate | Sign test p |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var p in r.Pairwise)
            {
                sb.AppendLine($"| {Esc(p.TargetA)} vs {Esc(p.TargetB)} | {I(p.WinsA)} | {I(p.WinsB)} | {I(p.Ties)} | {Pct(p.FlipRate)} | {P(p.SignTestPValue)} |");
            }

            sb.AppendLine();
        }

        if (r.Bias is { } bias)
        {
            sb.AppendLine("## Bias probes").AppendLine();
            sb.AppendLine($"{Esc(bias.Candidate)} vs {Esc(bias.Baseline)}: {I(bias.Count(BiasShift.Introduced))} introduced, {I(bias.Count(BiasShift.Reinforced))} reinforced, {I(bias.Count(BiasShift.Mitigated))} mitigated, {I(bias.Count(BiasShift.Reversed))} reversed, {I(bias.Count(BiasShift.Collapsed))} collapsed, {I(bias.Count(BiasShift.Unchanged))} unchanged; {I(bias.SignificantChanges.Count)} significant (Holm, 5%).").AppendLine();
            if (bias.CandidateCollapsed)
            {
                sb.AppendLine("> " + Esc(ReportText.Collapse(bias))).AppendLine();
            }

            sb.AppendLine("| Probe | Measure | Baseline gap | Candidate gap | Favoured (baseline → candidate) | Δ gap [95% CI] | p (Holm) | Shift |").AppendLine("| --- | --- | ---: | ---: | --- | --- | ---: | --- |");
            foreach (var c in bias.Changes.Where(c => c.Shift != BiasShift.Unchanged || c.Significant).OrderBy(c => c.ProbeId, StringComparer.Ordinal))
            {
                sb.AppendLine($"| {Esc(c.ProbeId)} | {Esc(c.Measure)} | {N(c.BaselineGap)} | {N(c.CandidateGap)} | {(c.BaselineGap > 0 ? Esc(c.BaselineHighGroup) : "–")} → {(c.CandidateGap > 0 ? Esc(c.CandidateHighGroup) : "–")} | {ReportText.GapChange(c)} | {ReportText.GapP(c)} | {Shift(c.Shift)} |");
            }

            sb.AppendLine();
        }

        if (r.Drift is { } drift)
        {
            sb.AppendLine("## Domain drift").AppendLine();
            sb.AppendLine($"On {I(drift.Prompts)} general prompts, {Esc(drift.Candidate)} used training-domain words absent from {Esc(drift.Baseline)}'s answer in {Pct(drift.CandidateLeakRate)} of answers (reverse: {Pct(drift.BaselineLeakRate)}; McNemar p = {P(drift.PValue)}). Domain terms per 1,000 words: {N(drift.CandidateTermsPerThousandWords, "0.#")} vs {N(drift.BaselineTermsPerThousandWords, "0.#")}. **{(drift.DriftIntroduced ? "Domain drift introduced." : "No significant domain drift.")}**").AppendLine();
            if (drift.TopLeakedTerms.Count > 0)
            {
                sb.AppendLine("Leaked terms: " + string.Join(", ", drift.TopLeakedTerms.Select(t => $"{Esc(t.Key)} ({I(t.Value)})"))).AppendLine();
            }
        }

        if (r.Memorization.Count > 0)
        {
            sb.AppendLine("## Memorisation").AppendLine();
            sb.AppendLine("| Target | Outputs | Verbatim rate | Mean longest common run | Mean n-gram overlap |").AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var m in r.Memorization)
            {
                sb.AppendLine($"| {Esc(m.Target)} | {I(m.Outputs)} | {Pct(m.VerbatimRate)} | {Pct(m.MeanLongestCommonRun)} | {Pct(m.MeanNGramOverlap)} ({I(m.NGramSize)}-grams) |");
            }

            sb.AppendLine();
        }

        if (r.Sweep is { } sweep)
        {
            sb.AppendLine("## Checkpoint sweep").AppendLine();
            sb.Append("**Recommended: ").Append(Esc(sweep.Recommended.Name)).Append("** — ").AppendLine(Esc(sweep.Reason)).AppendLine();
            sb.AppendLine("| Candidate | Score | CI | Epochs | Step | Valid loss |").AppendLine("| --- | ---: | --- | ---: | ---: | ---: |");
            foreach (var c in sweep.Ranked)
            {
                sb.AppendLine($"| {Esc(c.Name)} | {N(c.Score)} | {Interval(c.ScoreInterval)} | {N(c.Epochs)} | {(c.Step is { } s ? I(s) : "–")} | {N(c.ValidLoss, "0.####")} |");
            }

            sb.AppendLine();
            foreach (var w in sweep.Warnings)
            {
                sb.Append("> ⚠ ").AppendLine(Esc(w));
            }

            if (sweep.Warnings.Count > 0)
            {
                sb.AppendLine();
            }
        }

        foreach (var s in r.Metrics)
        {
            var last = s.Points.LastOrDefault();
            sb.Append("## Training metrics: ").AppendLine(Esc(s.Name)).AppendLine();
            sb.AppendLine($"{I(s.Points.Count)} steps; final training loss {N(s.Points.LastOrDefault(p => p.TrainLoss is not null)?.TrainLoss, "0.####")}, final validation loss {N(s.Points.LastOrDefault(p => p.ValidationLoss is not null)?.ValidationLoss, "0.####")} (last step {(last is null ? "–" : I(last.Step))}).").AppendLine();
        }

        if (r.Notes.Count > 0)
        {
            sb.AppendLine("## Notes").AppendLine();
            foreach (var n in r.Notes)
            {
                sb.Append("- ").AppendLine(Esc(n));
            }
        }

        return sb.ToString();
    }

    private static string Esc(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
