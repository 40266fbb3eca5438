using System.Globalization;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Sweeps;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>Writes the quickstart's report as HTML (offline, self-contained) plus Markdown and JSON beside it.</summary>
internal static class QuickstartReport
{
    public static async Task WriteAsync(
        string htmlPath,
        EvalRunSummary run,
        FineTuningJobInfo job,
        TrainingEstimate? estimate,
        IReadOnlyList<FineTuning.Toolkit.Jobs.TrainingMetricPoint> metrics,
        bool emulated,
        IEnumerable<EvalItem> items,
        EvalLineage lineage,
        CancellationToken cancellationToken)
    {
        var builder = new EvaluationReportBuilder("ftk quickstart: base vs fine-tuned on support-ticket triage")
            .WithDescription(string.Create(CultureInfo.InvariantCulture,
                $"Held-out support tickets classified by {job.Model} (base) and {job.FineTunedModel} (fine-tuned by job {job.Id}), {run.Items} items."))
            .AddResults(run.Results)
            .AddItems(items)
            .WithLineage(lineage)
            .Compare("base", "fine-tuned");
        if (metrics.Count > 0)
        {
            builder.AddMetrics(TrainingMetricsSeries.FromJobMetrics(job.Id, metrics));
        }

        if (estimate is not null)
        {
            builder.AddNote(string.Create(CultureInfo.InvariantCulture,
                $"Training estimate: {estimate.BilledTokens:N0} billed tokens ({estimate.Epochs} epochs){(estimate.Cost is { } c ? $", about {c.Expected:0.0000} USD" : "")}; the job reported {job.TrainedTokens:N0} trained tokens."));
        }

        if (emulated)
        {
            builder.AddNote("This run used the FineTuning.Toolkit emulator: it simulates the OpenAI API and trains nothing. Its fine-tuned model answers an unseen prompt with the reply of the most similar training prompt, so the difference shown is that of a nearest-neighbour lookup, not of a real model.");
        }

        var report = builder.Build();
        await EvaluationReportWriter.WriteAsync(report, htmlPath, ReportFormat.Html, cancellationToken).ConfigureAwait(false);
        await EvaluationReportWriter.WriteAsync(report, Path.ChangeExtension(htmlPath, ".md"), ReportFormat.Markdown, cancellationToken).ConfigureAwait(false);
        await EvaluationReportWriter.WriteAsync(report, Path.ChangeExtension(htmlPath, ".json"), ReportFormat.Json, cancellationToken).ConfigureAwait(false);
    }
}
