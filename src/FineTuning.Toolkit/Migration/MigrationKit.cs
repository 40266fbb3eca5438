using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Datasets.Conversion;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Migration;

/// <summary>The <see cref="IMigrationKit"/> over the exporter, the evaluation runner and the statistics.</summary>
internal sealed class MigrationKit : IMigrationKit
{
    private const string OriginalTarget = "original";
    private readonly FineTuningExporter _exporter;
    private readonly IFineTuningConnection _connection;
    private readonly IModelCatalog _catalog;
    private readonly TimeProvider _time;

    public MigrationKit(FineTuningExporter exporter, IFineTuningConnection connection, IModelCatalog? catalog = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(connection);
        _exporter = exporter;
        _connection = connection;
        _catalog = catalog ?? ModelCatalog.BuiltIn;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<MigrationSnapshot> SnapshotAsync(string folder, SnapshotOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new SnapshotOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Samples, 1);
        if (options.EvalSetPath is { } set && !File.Exists(set))
        {
            throw new FileNotFoundException($"The evaluation set '{set}' does not exist.", set);
        }

        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var exportFolder = Path.Combine(folder, MigrationFolder.ExportFolder);
        progress?.Report("Inventory: jobs, events, checkpoints, metrics and files...");
        var export = await _exporter.ExportAsync(exportFolder, null, progress, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>(export.Problems);
        var provider = _connection.Provider == FineTuningProvider.Azure ? "azure" : "openai";
        var models = new List<SnapshotModel>();
        foreach (var job in export.ExportedJobs.Where(j => j.Status == FineTuningJobStatus.Succeeded && j.FineTunedModel is not null).OrderBy(j => j.CreatedAt))
        {
            string? Local(string? fileId) => fileId is not null && export.FilePaths.TryGetValue(fileId, out var p) ? MigrationFolder.ExportFolder + "/" + p : null;
            var model = new SnapshotModel
            {
                FineTunedModel = job.FineTunedModel!,
                BaseModel = job.Model,
                JobId = job.Id,
                MethodType = job.MethodType,
                Hyperparameters = job.Hyperparameters,
                Seed = job.Seed,
                Suffix = job.Suffix,
                TrainedTokens = job.TrainedTokens,
                FinishedAt = job.FinishedAt,
                TrainingFile = Local(job.TrainingFileId),
                ValidationFile = Local(job.ValidationFileId),
            };
            progress?.Report($"Golden answers of {model.FineTunedModel}...");
            model = await RecordGoldenAsync(folder, model, options, provider, cancellationToken).ConfigureAwait(false);
            if (!model.Answering)
            {
                problems.Add($"{model.FineTunedModel} did not answer on {model.CheckedAt:yyyy-MM-dd}: {model.Error}");
            }

            progress?.Report(model.Answering
                ? $"{model.FineTunedModel}: {model.GoldenAnswers} answers to {model.GoldenItemCount} prompts ({model.GoldenSource})"
                : $"{model.FineTunedModel}: not answering");
            models.Add(model);
        }

        var snapshot = new MigrationSnapshot
        {
            CreatedAt = _time.GetUtcNow(),
            ToolkitVersion = ToolkitInfo.Version,
            Provider = provider,
            Jobs = export.Jobs,
            Samples = options.Samples,
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
            Seed = options.Seed,
            Models = models,
            Problems = problems,
        };
        snapshot = snapshot with { Files = await HashFilesAsync(folder, cancellationToken).ConfigureAwait(false) };
        await AtomicFile.WriteAsync(
            Path.Combine(folder, MigrationSnapshot.FileName),
            (stream, ct) => JsonSerializer.SerializeAsync(stream, snapshot, ToolkitJson.IndentedInfo<MigrationSnapshot>(), ct),
            cancellationToken).ConfigureAwait(false);
        progress?.Report($"Snapshot of {models.Count} fine-tuned models from {export.Jobs} jobs written to {folder}");
        return snapshot;
    }

    public async Task<MigrationComparison> CompareAsync(string folder, IReadOnlyList<KeyValuePair<string, string>> pairs, IFineTuningConnection replacements, MigrationCompareOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(replacements);
        options ??= new MigrationCompareOptions();
        if (pairs.Count == 0)
        {
            throw new ArgumentException("Name at least one FT_MODEL=REPLACEMENT pair.", nameof(pairs));
        }

        if (!(options.Margin > 0 && double.IsFinite(options.Margin)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Margin, "The non-inferiority margin must be a positive number.");
        }

        folder = Path.GetFullPath(folder);
        var snapshot = await MigrationFolder.LoadAsync(folder, cancellationToken).ConfigureAwait(false);
        var models = pairs.Select(p => (Model: MigrationFolder.FindOrThrow(snapshot, p.Key), Replacement: p.Value.Trim())).ToList();
        foreach (var (model, _) in models.Where(m => m.Model.GoldenResults is null || m.Model.GoldenAnswers == 0))
        {
            throw new ArgumentException($"{model.FineTunedModel} has no recorded answers in the snapshot (it was not answering on {model.CheckedAt:yyyy-MM-dd}); there is nothing to compare with.", nameof(pairs));
        }

        var comparisonOptions = new PairedComparisonOptions { NonInferiorityMargin = options.Margin };
        var prices = new CatalogEvalPriceLookup(_catalog, replacements.Provider == FineTuningProvider.Azure ? "azure" : "openai");
        var scorers = new IEvalScorer[] { new ExactMatchScorer(), new ExactMatchScorer(normalize: true, name: "normalized"), new TokenF1Scorer(name: "similarity") };
        var results = new List<ModelComparison>();
        var allResults = new List<EvalSampleResult>();
        var report = new EvaluationReportBuilder("Migration comparison").WithComparisonOptions(comparisonOptions).WithTimeProvider(_time);
        foreach (var (model, replacement) in models)
        {
            progress?.Report($"{model.FineTunedModel} vs {replacement}...");
            var items = await ReadItemsAsync(MigrationFolder.Resolve(folder, model.GoldenItems!), cancellationToken).ConfigureAwait(false);
            var originalName = $"{model.FineTunedModel} (original)";
            var replacementName = $"{replacement} (replacement of {model.FineTunedModel})";
            var recorded = (await EvalResultsFile.ReadLatestAsync(MigrationFolder.Resolve(folder, model.GoldenResults!), cancellationToken).ConfigureAwait(false))
                .Where(r => r.Target == OriginalTarget && r.Succeeded && items.ContainsKey(r.ItemId)).ToList();
            var compareFolder = Path.Combine(folder, MigrationFolder.CompareFolder, FineTuningExporter.Safe(model.FineTunedModel) + "--" + FineTuningExporter.Safe(replacement));
            Directory.CreateDirectory(compareFolder);
            var resultsPath = Path.Combine(compareFolder, EvalResultsFile.FileName);
            var target = new EvalTarget(replacementName, replacements.GetChatClient(replacement), replacement)
            {
                Temperature = snapshot.Temperature,
                MaxOutputTokens = snapshot.MaxOutputTokens,
                Seed = snapshot.Seed,
            };
            var itemIds = recorded.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
            var summary = await new EvalRunner(timeProvider: _time).RunAsync(
                items.Values.Where(i => itemIds.Contains(i.Id)).ToList(),
                [target],
                [],
                new EvalRunOptions { Samples = snapshot.Samples, MaxConcurrency = options.MaxConcurrency, ResultsPath = resultsPath, Prices = prices },
                null,
                cancellationToken).ConfigureAwait(false);

            // The reference of each prompt: its expected answer, or else the recorded answer (then the verdict measures agreement with the original).
            var golden = recorded.Where(r => r.SampleIndex == 0).ToDictionary(r => r.ItemId, r => r.Output ?? string.Empty, StringComparer.Ordinal);
            var hasReferences = items.Values.Where(i => itemIds.Contains(i.Id)).All(i => i.Reference is not null);
            var scored = new List<EvalSampleResult>();
            foreach (var r in recorded.Select(r => r.WithTarget(originalName)).Concat(summary.Results.Where(r => r.Succeeded)))
            {
                var item = items[r.ItemId];
                var reference = item.Reference ?? golden.GetValueOrDefault(r.ItemId);
                var withReference = item with { Reference = reference };
                var scores = new Dictionary<string, EvalScore>(StringComparer.Ordinal);
                foreach (var scorer in scorers)
                {
                    scores[scorer.Name] = await scorer.ScoreAsync(new EvalScoringContext(withReference, r.Output ?? string.Empty, r.Target, r.SampleIndex), cancellationToken).ConfigureAwait(false);
                }

                scored.Add(r with { Scores = scores });
            }

            PairwiseSummary? judged = null;
            var scorerNames = scorers.Select(s => s.Name).ToList();
            if (options.Judge is { } judgeClient)
            {
                var judge = new PairwiseJudge(judgeClient);
                var answers = summary.Results.Where(r => r.Succeeded && r.SampleIndex == 0).ToDictionary(r => r.ItemId, r => r.Output ?? string.Empty, StringComparer.Ordinal);
                var triples = golden.Where(g => answers.ContainsKey(g.Key)).Select(g => (items[g.Key], g.Value, answers[g.Key])).ToList();
                var judgments = await judge.CompareAllAsync(triples, options.MaxConcurrency, cancellationToken).ConfigureAwait(false);
                judged = PairwiseJudge.Summarize(judgments, originalName, replacementName);
                var byItem = judgments.ToDictionary(j => j.ItemId, StringComparer.Ordinal);
                for (var i = 0; i < scored.Count; i++)
                {
                    if (scored[i].SampleIndex == 0 && byItem.TryGetValue(scored[i].ItemId, out var j))
                    {
                        // The preference as a paired score: a win is 1, a tie 0.5, a loss 0, mirrored for the other side.
                        var original = j.Outcome switch { PairwiseOutcome.AWins => 1.0, PairwiseOutcome.BWins => 0.0, _ => 0.5 };
                        var value = scored[i].Target == originalName ? original : 1 - original;
                        scored[i] = scored[i] with { Scores = new Dictionary<string, EvalScore>(scored[i].Scores, StringComparer.Ordinal) { ["judge"] = EvalScore.FromValue(value) } };
                    }
                }

                scorerNames.Add("judge");
            }

            var comparisons = PairedComparison.CompareAll(scored, originalName, [replacementName], scorerNames, comparisonOptions);
            var (verdict, reason) = Verdict(comparisons, options.Margin, hasReferences);
            allResults.AddRange(scored);
            report.Compare(originalName, replacementName);
            if (judged is not null)
            {
                report.AddPairwise(judged);
            }

            report.AddNote($"{model.FineTunedModel} → {replacement}: {verdict}. {reason}");
            var t = summary.Targets[0];
            results.Add(new ModelComparison
            {
                FineTunedModel = model.FineTunedModel,
                Replacement = replacement,
                Items = itemIds.Count,
                Failed = t.Failed,
                HasReferences = hasReferences,
                Comparisons = comparisons,
                Judge = judged,
                Verdict = verdict,
                VerdictReason = reason,
                ResultsFile = MigrationFolder.Relative(folder, resultsPath),
                CostUsd = t.Cost,
            });
            progress?.Report($"{model.FineTunedModel} vs {replacement}: {verdict}");
        }

        string? reportPath = null;
        if (options.ReportPath is { } path)
        {
            report.WithDescription(string.Create(CultureInfo.InvariantCulture, $"Replacements evaluated on the golden prompts recorded on {snapshot.CreatedAt:yyyy-MM-dd} and compared with the recorded answers (non-inferiority margin {options.Margin})."))
                .AddResults(allResults);
            await EvaluationReportWriter.WriteAsync(report.Build(), path, format: null, cancellationToken).ConfigureAwait(false);
            reportPath = path;
        }

        return new MigrationComparison { Margin = options.Margin, Models = results, ReportPath = reportPath };
    }

    /// <summary>The verdict over every scorer: worse when any is significantly worse; non-inferior (or better) only when every one is shown non-inferior.</summary>
    internal static (string Verdict, string Reason) Verdict(IReadOnlyList<PairedComparisonResult> comparisons, double margin, bool hasReferences)
    {
        var basis = hasReferences ? "scored against the prompts' reference answers" : "scored against the recorded answers (no reference answers: this measures agreement with the original)";
        var m = margin.ToString("0.###", CultureInfo.InvariantCulture);
        if (comparisons.Count == 0 || comparisons.All(c => c.PairedItems == 0))
        {
            return (MigrationVerdicts.NotShownNonInferior, "No prompt was answered by both models.");
        }

        var worse = comparisons.Where(c => c.Verdict == ComparisonVerdict.Worse).Select(c => c.Scorer).ToList();
        if (worse.Count > 0)
        {
            return (MigrationVerdicts.Worse, $"Significantly worse than the original on {string.Join(", ", worse)} ({basis}).");
        }

        var unproven = comparisons.Where(c => c.NonInferiority is not { IsNonInferior: true }).Select(c => c.Scorer).ToList();
        if (unproven.Count > 0)
        {
            return (MigrationVerdicts.NotShownNonInferior, $"Not shown to be within {m} of the original on {string.Join(", ", unproven)} (95% one-sided); no significant difference does not prove equivalence: add prompts or samples, or accept a larger margin ({basis}).");
        }

        var better = comparisons.Where(c => c.Verdict == ComparisonVerdict.Better).Select(c => c.Scorer).ToList();
        return better.Count > 0
            ? (MigrationVerdicts.Better, $"Not worse than the original by more than {m} on any scorer (95% confidence) and significantly better on {string.Join(", ", better)} ({basis}).")
            : (MigrationVerdicts.NonInferior, $"Not worse than the original by more than {m} on any scorer (95% confidence) ({basis}).");
    }

    private async Task<SnapshotModel> RecordGoldenAsync(string folder, SnapshotModel model, SnapshotOptions options, string provider, CancellationToken cancellationToken)
    {
        var goldenFolder = Path.Combine(folder, MigrationFolder.GoldenFolder, FineTuningExporter.Safe(model.FineTunedModel));
        Directory.CreateDirectory(goldenFolder);
        var itemsPath = Path.Combine(goldenFolder, "items.jsonl");
        var source = await PrepareItemsAsync(folder, model, options, itemsPath, cancellationToken).ConfigureAwait(false);
        var checkedAt = _time.GetUtcNow();
        if (source is null)
        {
            return model with { CheckedAt = checkedAt, Error = "no prompts: the training and validation files were not exported and no evaluation set was given." };
        }

        var items = await ReadItemsAsync(itemsPath, cancellationToken).ConfigureAwait(false);
        var resultsPath = Path.Combine(goldenFolder, EvalResultsFile.FileName);
        var target = new EvalTarget(OriginalTarget, _connection.GetChatClient(model.FineTunedModel), model.FineTunedModel)
        {
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
            Seed = options.Seed,
            IncludeLogProbabilities = options.Logprobs,
        };
        var recordedBefore = File.Exists(resultsPath)
            ? (await EvalResultsFile.ReadLatestAsync(resultsPath, cancellationToken).ConfigureAwait(false)).Where(r => r.Succeeded).Select(Key).ToHashSet(StringComparer.Ordinal)
            : [];
        var summary = await new EvalRunner(timeProvider: _time).RunAsync(
            items.Values.ToList(),
            [target],
            [],
            new EvalRunOptions { Samples = options.Samples, MaxConcurrency = options.MaxConcurrency, ResultsPath = resultsPath },
            null,
            cancellationToken).ConfigureAwait(false);
        var answered = summary.Results.Where(r => r.Succeeded).ToList();

        // Whether the model answers today: the calls this run made, or (everything was recorded before) one probe call.
        var fresh = summary.Results.Where(r => !recordedBefore.Contains(Key(r))).ToList();
        var error = fresh.Count > 0
            ? (fresh.Any(r => r.Succeeded) ? null : fresh.First(r => !r.Succeeded).Error)
            : await ProbeAsync(target, items.Values.First(), cancellationToken).ConfigureAwait(false);
        var prices = new CatalogEvalPriceLookup(_catalog, provider);
        long input = answered.Sum(r => r.InputTokens ?? 0), output = answered.Sum(r => r.OutputTokens ?? 0);
        return model with
        {
            GoldenSource = source,
            GoldenItems = MigrationFolder.Relative(folder, itemsPath),
            GoldenResults = MigrationFolder.Relative(folder, resultsPath),
            GoldenItemCount = items.Count,
            GoldenAnswers = answered.Count,
            AnswersWithLogprobs = answered.Count(r => r.Logprobs is { Count: > 0 }),
            Answering = error is null,
            CheckedAt = checkedAt,
            Error = error,
            InputTokens = input,
            OutputTokens = output,
            CostUsd = prices.GetCost(model.FineTunedModel, input, output, batch: false),
        };
    }

    private static string Key(EvalSampleResult r) => r.ItemId + "\n" + r.SampleIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>One short call to see whether the model still answers; the failure (explained) or <see langword="null"/>.</summary>
    private static async Task<string?> ProbeAsync(EvalTarget target, EvalItem item, CancellationToken cancellationToken)
    {
        var options = target.CreateChatOptions();
        options.MaxOutputTokens = 16;
        try
        {
            await target.Client.GetResponseAsync(item.Input, options, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return EvalFailure.Describe(ex);
        }
    }

    /// <summary>Writes the golden prompts once (a re-run keeps them, so recorded answers stay paired): the eval set, the validation file, or a seeded sample of the training file.</summary>
    private static async Task<string?> PrepareItemsAsync(string folder, SnapshotModel model, SnapshotOptions options, string itemsPath, CancellationToken cancellationToken)
    {
        var sourcePath = itemsPath + ".source";
        if (File.Exists(itemsPath) && File.Exists(sourcePath))
        {
            return (await File.ReadAllTextAsync(sourcePath, cancellationToken).ConfigureAwait(false)).Trim();
        }

        string? source = null;
        if (options.EvalSetPath is { } set)
        {
            await AtomicFile.WriteAllBytesAsync(itemsPath, await File.ReadAllBytesAsync(set, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            source = GoldenSources.EvalSet;
        }
        else if (model.ValidationFile is { } validation && File.Exists(MigrationFolder.Resolve(folder, validation))
            && (await DatasetConverter.ChatToEvalSetAsync(MigrationFolder.Resolve(folder, validation), itemsPath, cancellationToken: cancellationToken).ConfigureAwait(false)).Written > 0)
        {
            source = GoldenSources.ValidationFile;
        }
        else if (model.TrainingFile is { } training && File.Exists(MigrationFolder.Resolve(folder, training)))
        {
            var all = itemsPath + ".all";
            await DatasetConverter.ChatToEvalSetAsync(MigrationFolder.Resolve(folder, training), all, cancellationToken: cancellationToken).ConfigureAwait(false);
            var lines = (await File.ReadAllLinesAsync(all, cancellationToken).ConfigureAwait(false)).Where(l => l.Length > 0).ToList();
            File.Delete(all);

            // A seeded, platform-independent sample: the lines whose hash with the seed is smallest, in file order.
            var seed = options.TrainingSampleSeed.ToString(CultureInfo.InvariantCulture);
            var chosen = lines.Select((line, index) => (line, index, key: StableHash.Sha256Hex(seed + "\n" + line)))
                .OrderBy(x => x.key, StringComparer.Ordinal).Take(options.TrainingSamplePrompts).OrderBy(x => x.index).Select(x => x.line).ToList();
            if (chosen.Count > 0)
            {
                await AtomicFile.WriteAllTextAsync(itemsPath, string.Join('\n', chosen) + "\n", cancellationToken).ConfigureAwait(false);
                source = GoldenSources.TrainingSample;
            }
        }

        if (source is not null)
        {
            await AtomicFile.WriteAllTextAsync(sourcePath, source, cancellationToken).ConfigureAwait(false);
        }

        return source;
    }

    private static async Task<Dictionary<string, EvalItem>> ReadItemsAsync(string path, CancellationToken cancellationToken)
    {
        var items = new Dictionary<string, EvalItem>(StringComparer.Ordinal);
        await foreach (var line in EvalSetReader.ReadAsync(path, EvalSetFormat.Auto, null, cancellationToken).ConfigureAwait(false))
        {
            if (line.Item is { } item)
            {
                items[item.Id] = item;
            }
        }

        return items;
    }

    private static async Task<IReadOnlyList<SnapshotFile>> HashFilesAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new List<SnapshotFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = MigrationFolder.Relative(folder, path);
            if (relative == MigrationSnapshot.FileName || relative.StartsWith(MigrationFolder.CompareFolder + "/", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            files.Add(new SnapshotFile(relative, new FileInfo(path).Length, await StableHash.Sha256HexOfFileAsync(path, cancellationToken).ConfigureAwait(false)));
        }

        return files;
    }
}
