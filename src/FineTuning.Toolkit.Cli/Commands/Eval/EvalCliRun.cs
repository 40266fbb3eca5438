using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.IO;
using Spectre.Console;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Cli.Commands.Eval;

/// <summary>Writing and printing a saved run (run.json, summary table, JSON summary, report).</summary>
internal static class EvalCliRun
{
    public static EvalRunManifest CreateManifest(string setPath, EvalRunSummary summary, IReadOnlyList<EvalTarget> targets, IReadOnlyList<string> scorers, int samples, string mode, EvalLineage? lineage = null) => new()
    {
        Lineage = lineage,
        CreatedAt = DateTimeOffset.UtcNow,
        EvalSet = setPath,
        Items = summary.Items,
        Samples = samples,
        Mode = mode,
        Scorers = [.. scorers],
        DurationMs = summary.Duration.TotalMilliseconds,
        Retries = summary.Retries,
        Failed = summary.Failed,
        Targets = [.. targets.Select(t =>
        {
            var s = summary.Targets.First(x => x.Target == t.Name);
            return new EvalRunManifestTarget
            {
                Name = t.Name,
                Model = t.ModelId,
                Temperature = t.Temperature,
                MaxTokens = t.MaxOutputTokens,
                Seed = t.Seed,
                TopP = t.TopP,
                Results = s.Results,
                Failed = s.Failed,
                Cached = s.Cached,
                Resumed = s.Resumed,
                InputTokens = s.InputTokens,
                OutputTokens = s.OutputTokens,
                Cost = s.Cost,
            };
        })],
    };

    public static async Task WriteManifestAsync(string runDirectory, EvalRunManifest manifest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(runDirectory, EvalRunManifest.FileName);
        await AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, manifest, ToolkitJson.Info<EvalRunManifest>(), ct), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<EvalRunManifest?> ReadManifestAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(runDirectory, EvalRunManifest.FileName);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, ToolkitJson.Info<EvalRunManifest>(), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{path} is not a run manifest: {ex.Message}");
        }
    }

    public static void PrintSummary(IAnsiConsole console, string runDirectory, EvalRunManifest manifest, IReadOnlyList<ScoreSummary> scores, EvalRunSummary summary)
    {
        var table = new Table().AddColumns("target", "model", "scorer", "mean", "95% CI", "pass", "results", "failed", "cached", "tokens in/out", "cost");
        foreach (var t in manifest.Targets)
        {
            var rows = scores.Where(s => s.Target == t.Name).ToList();
            if (rows.Count == 0) rows.Add(null!);
            foreach (var s in rows)
            {
                table.AddRow(
                    Markup.Escape(t.Name),
                    Markup.Escape(t.Model),
                    s is null ? "-" : Markup.Escape(s.Scorer),
                    s is null ? "-" : s.Failed ? "failed" : s.Mean.ToString("0.000", CultureInfo.InvariantCulture),
                    s?.Interval is { } ci ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"[{ci.Lower:0.000}, {ci.Upper:0.000}]")) : "-",
                    s?.PassRate is { } p ? p.ToString("P1", CultureInfo.InvariantCulture) : "-",
                    t.Results.ToString(CultureInfo.InvariantCulture),
                    t.Failed.ToString(CultureInfo.InvariantCulture),
                    t.Cached.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{t.InputTokens}/{t.OutputTokens}"),
                    t.Cost is { } c ? c.ToString("$0.0000", CultureInfo.InvariantCulture) : "-");
            }
        }
        if (console.Profile.Width < 160) console.Profile.Width = 160; // redirected output: keep rows on one line for logs and greps
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{manifest.Items} items x {manifest.Targets.Count} target(s) x {manifest.Samples} sample(s); {summary.Failed} failed, {summary.Retries} retries, {summary.Duration.TotalSeconds:0.0} s ({manifest.Mode})."));
        console.WriteLine($"Run saved in {Path.GetFullPath(runDirectory)}");
    }

    /// <summary>
    /// Writes the run's report (HTML, Markdown or JSON by the file's extension): scores with CIs per target, and the
    /// first target compared with each other one (paired bootstrap, McNemar, verdict).
    /// </summary>
    public static Task WriteReportAsync(string path, EvalRunManifest manifest, IReadOnlyList<EvalSampleResult> results, PairedComparisonOptions options, CancellationToken cancellationToken, IReadOnlyList<PairwiseSummary>? pairwise = null, IEnumerable<EvalItem>? items = null)
    {
        var title = manifest.EvalSet is { } set ? $"Evaluation of {Path.GetFileName(set)}" : "Evaluation";
        var builder = new EvaluationReportBuilder(title)
            .WithDescription(string.Create(CultureInfo.InvariantCulture,
                $"{manifest.Items} items, {manifest.Samples} sample(s) per item, targets: {string.Join(", ", manifest.Targets.Select(t => $"{t.Name} = {t.Model}"))} ({manifest.Mode})."))
            .AddResults(results)
            .WithTargetOrder(manifest.Targets.Select(t => t.Name))
            .WithComparisonOptions(options)
            .AddItems(items ?? []);
        if (manifest.Lineage is { } lineage)
        {
            builder.WithLineage(lineage);
        }

        if (manifest.Targets.Count > 1)
        {
            var baseline = manifest.Targets[0].Name;
            foreach (var candidate in manifest.Targets.Skip(1))
            {
                builder.Compare(baseline, candidate.Name);
            }
        }

        foreach (var summary in pairwise ?? [])
        {
            builder.AddPairwise(summary);
        }

        return EvaluationReportWriter.WriteAsync(builder.Build(), path, format: null, cancellationToken);
    }

    /// <summary>How many distinct failure reasons <see cref="PrintFailureReasonsAsync"/> lists.</summary>
    private const int MaxReasons = 5;

    /// <summary>
    /// Prints why model calls failed, the most frequent distinct reasons first with their counts (the full errors stay
    /// in results.jsonl), so "15 failed" comes with its cause.
    /// </summary>
    public static async Task PrintFailureReasonsAsync(TextWriter error, IEnumerable<EvalSampleResult> results)
    {
        var reasons = results.Where(r => !r.Succeeded)
            .GroupBy(r => (r.Target, Reason: OneLine(r.Error!)))
            .OrderByDescending(g => g.Count())
            .ToList();
        if (reasons.Count == 0)
        {
            return;
        }

        await error.WriteLineAsync($"{reasons.Sum(g => g.Count())} model call(s) failed:").ConfigureAwait(false);
        foreach (var group in reasons.Take(MaxReasons))
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {group.Count()} x target '{group.Key.Target}': {group.Key.Reason}")).ConfigureAwait(false);
        }

        if (reasons.Count > MaxReasons)
        {
            await error.WriteLineAsync($"  ... and {reasons.Count - MaxReasons} other reason(s); every error is in results.jsonl.").ConfigureAwait(false);
        }
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : line[..197] + "...";
    }
}
