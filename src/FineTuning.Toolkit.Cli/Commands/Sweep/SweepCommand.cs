using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Sweep;

/// <summary>
/// <c>ftk sweep TRAIN --validation VAL --eval SET --epochs 1,3,10</c> (or <c>--job ID …</c>, <c>--checkpoints</c>):
/// the epochs experiment as one command over <see cref="SweepRunner"/>: one budget for the whole sweep, every job
/// trained through the library's workflow, every model evaluated on one set, a recommendation with its reason and
/// the paired comparisons against the best.
/// </summary>
internal static class SweepCommand
{
    private static readonly Argument<FileInfo> TrainArgument = new Argument<FileInfo>("TRAIN") { Description = "The training JSONL file (needed with --epochs).", Arity = ArgumentArity.ZeroOrOne }.ExistingFile();
    private static readonly Option<FileInfo?> EvalOption = new Option<FileInfo?>("--eval") { Description = "The evaluation set every candidate is scored on (the same shapes as 'ftk eval').", Required = true }.ExistingFile();
    private static readonly Option<FileInfo?> ValidationOption = new Option<FileInfo?>("--validation") { Description = "The validation JSONL file; its loss breaks ties between candidates the evaluation cannot tell apart." }.ExistingFile();
    private static readonly Option<string?> EpochsOption = new("--epochs") { HelpName = "N,N,...", Description = $"Epoch counts to train, one job each (e.g. 1,3,10; each {FineTuningLimits.MinEpochs}-{FineTuningLimits.MaxEpochs})." };
    private static readonly Option<string[]> JobOption = new("--job") { Description = "An existing finished job to include (repeatable).", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> CheckpointsOption = new("--checkpoints") { Description = "Also evaluate each job's intermediate checkpoints." };
    private static readonly Option<string?> ModelOption = new Option<string?>("--model") { Description = "The base model to train (default: FineTuning:DefaultModel)." }.NotBlank();
    private static readonly Option<decimal?> BudgetOption = new Option<decimal?>("--budget") { HelpName = "USD", Description = "One cap in USD for the whole sweep: refused before anything is uploaded when the sum of the estimates' upper bounds is more." }.Above(0m);
    private static readonly Option<bool> YesOption = new("--yes") { Description = "Start without asking when no --budget covers the sweep (a budget the estimate exceeds still refuses)." };
    private static readonly Option<string[]> ScorerOption = new("--scorer", "-s") { Description = "A scorer spec (as in 'ftk eval'), repeatable; the first ranks the candidates. Default: exact." };
    private static readonly Option<int> SamplesOption = new Option<int>("--samples", "-k") { Description = "Samples per item and candidate, 1-100.", DefaultValueFactory = _ => 1 }.InRange(1, 100);
    private static readonly Option<int> ConcurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Calls in flight at once (1-256).", DefaultValueFactory = _ => 8 }.InRange(1, 256);
    private static readonly Option<float?> TemperatureOption = new Option<float?>("--temperature") { Description = "Sampling temperature, 0-2 (default 0).", DefaultValueFactory = _ => 0f }.InRange(0f, 2f);
    private static readonly Option<int?> MaxTokensOption = new Option<int?>("--max-tokens") { Description = "Maximum output tokens per answer." }.InRange(1, int.MaxValue);
    private static readonly Option<DirectoryInfo?> OutOption = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run folder (results.jsonl). Default: ftk-runs/sweep-<time>." }.FolderPath();
    private static readonly Option<FileInfo?> ReportOption = new Option<FileInfo?>("--report") { Description = "Also write a report: .html (self-contained), .md or .json by extension." }.OutputFile();
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the candidates, the recommendation and the comparisons as JSON." };

    public static Command Create()
    {
        var command = new Command("sweep", "The epochs experiment in one command: train several configurations (or take existing jobs and checkpoints), evaluate each on one set, recommend one with the reason.");
        command.Add(TrainArgument);
        foreach (var option in new Option[] { EvalOption, ValidationOption, EpochsOption, JobOption, CheckpointsOption, ModelOption, BudgetOption, YesOption, ScorerOption, SamplesOption, ConcurrencyOption, TemperatureOption, MaxTokensOption, OutOption, ReportOption, JsonOption })
        {
            command.Add(option);
        }

        command.Validators.Add(result =>
        {
            var epochs = result.GetValue(EpochsOption);
            if (epochs is null && (result.GetValue(JobOption) ?? []).Length == 0)
            {
                result.AddError("Give --epochs N,N,... (with a training file) or one or more --job ID.");
            }
            else if (epochs is not null && result.GetValue(TrainArgument) is null)
            {
                result.AddError("--epochs needs the training file (TRAIN).");
            }
        });
        command.OnInterrupt("Jobs already started keep running: see 'ftk jobs list'. Running the same command again reuses them (same data and settings) instead of starting new ones.");
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, (services, output) => SweepAsync(parse, services, output, ct)));
        return command;
    }

    /// <summary>Parses <c>--epochs 1,3,10</c>.</summary>
    internal static IReadOnlyList<int> ParseEpochs(string? text)
    {
        if (text is null) return [];
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !FineTuningLimits.IsValidEpochs(n))
            {
                throw new CliUsageException($"--epochs '{part}' must be an integer from {FineTuningLimits.MinEpochs} to {FineTuningLimits.MaxEpochs} (e.g. --epochs 1,3,10).");
            }

            if (!list.Contains(n)) list.Add(n);
        }

        return list.Count > 0 ? list : throw new CliUsageException("--epochs needs at least one number (e.g. --epochs 1,3,10).");
    }

    private static async Task<int> SweepAsync(ParseResult parse, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var evalSet = parse.GetValue(EvalOption)!;
        var items = new List<EvalItem>();
        await foreach (var line in EvalSetReader.ReadAsync(evalSet.FullName, EvalSetFormat.Auto, null, cancellationToken).ConfigureAwait(false))
        {
            items.Add(line.Item ?? throw new CliInputException($"{evalSet.Name}:{line.LineNumber.ToString(CultureInfo.InvariantCulture)}: {line.Error}"));
        }

        if (items.Count == 0) throw new CliInputException($"'{evalSet.Name}' has no evaluation items.");
        var registry = new EvalScorerRegistry(services);
        IReadOnlyList<IEvalScorer> scorers;
        try
        {
            scorers = registry.CreateAll(parse.GetValue(ScorerOption) is { Length: > 0 } s ? s : ["exact"]);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        var runDirectory = parse.GetValue(OutOption)?.FullName
            ?? Path.Combine("ftk-runs", $"sweep-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(runDirectory);
        var json = parse.GetValue(JsonOption);
        var assumeYes = parse.GetValue(YesOption);
        var interactive = !Console.IsInputRedirected && ReferenceEquals(output, Console.Out);
        var request = new SweepRequest
        {
            EvalItems = items,
            Scorers = scorers,
            TrainingPath = parse.GetValue(TrainArgument)?.FullName,
            ValidationPath = parse.GetValue(ValidationOption)?.FullName,
            Model = parse.GetValue(ModelOption),
            Epochs = ParseEpochs(parse.GetValue(EpochsOption)),
            JobIds = parse.GetValue(JobOption) ?? [],
            IncludeCheckpoints = parse.GetValue(CheckpointsOption),
            BudgetCapUsd = parse.GetValue(BudgetOption),
            Suffix = "sweep",
            Temperature = parse.GetValue(TemperatureOption),
            MaxOutputTokens = parse.GetValue(MaxTokensOption),
            EvalOptions = new EvalRunOptions
            {
                Samples = parse.GetValue(SamplesOption),
                MaxConcurrency = parse.GetValue(ConcurrencyOption),
                ResultsPath = Path.Combine(runDirectory, EvalResultsFile.FileName),
            },
            Approve = async (plan, token) =>
            {
                if (assumeYes) return true;
                if (!interactive)
                {
                    throw new CliUsageException("the sweep needs confirmation: pass --yes (or --budget USD) when there is no terminal to ask.");
                }

                await output.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"Start {plan.Configurations.Count} job(s), up to {plan.MaxCostUsd?.ToString("0.00", CultureInfo.InvariantCulture) ?? "an unknown"} USD? [y/N] ")).ConfigureAwait(false);
                var answer = await Console.In.ReadLineAsync(token).ConfigureAwait(false);
                return answer?.Trim().ToLowerInvariant() is "y" or "yes";
            },
        };

        var progress = json ? null : new LineProgress(output);
        SweepResult result;
        try
        {
            result = await services.GetRequiredService<SweepRunner>().RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new CliInputException(ex.Message);
        }

        switch (result.Outcome)
        {
            case SweepOutcome.Invalid:
                foreach (var problem in result.Plan.Errors) await error.WriteLineAsync("  error: " + problem).ConfigureAwait(false);
                await error.WriteLineAsync("Not started: a configuration's plan is invalid; nothing was uploaded.").ConfigureAwait(false);
                return ExitCodes.Failure;
            case SweepOutcome.OverBudget:
                await error.WriteLineAsync(result.Plan.MaxCostUsd is { } max
                    ? string.Create(CultureInfo.InvariantCulture, $"Not started: the sweep is over budget: up to {max:0.00} USD for {result.Plan.Configurations.Count} job(s) against a cap of {result.Plan.BudgetCapUsd:0.00} USD (--budget). Nothing was uploaded; raise the cap or train fewer or shorter configurations.")
                    : string.Create(CultureInfo.InvariantCulture, $"Not started: the cost of a configuration could not be estimated, so the budget of {result.Plan.BudgetCapUsd:0.00} USD cannot vouch for the sweep. Nothing was uploaded.")).ConfigureAwait(false);
                return ExitCodes.Failure;
            case SweepOutcome.NotApproved:
                await output.WriteLineAsync("Not started.").ConfigureAwait(false);
                return ExitCodes.Failure;
        }

        var trainingPlan = result.Plan.Configurations.FirstOrDefault()?.Plan;
        var lineage = (await EvalLineage.ForEvalSetAsync(evalSet.FullName, cancellationToken).ConfigureAwait(false)) with
        {
            TrainingSha256 = trainingPlan?.TrainingSha256,
            ValidationSha256 = trainingPlan?.ValidationSha256,
            Models = result.Models,
            Jobs = result.Candidates.Where(c => c.JobId is not null).ToDictionary(c => c.Name, c => c.JobId!, StringComparer.Ordinal),
        };
        if (parse.GetValue(ReportOption) is { } report)
        {
            await EvaluationReportWriter.WriteAsync(BuildReport(evalSet.Name, result, items, lineage), report.FullName, format: null, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            await CliJson.WriteAsync(output, SweepJson.From(runDirectory, result) with { Lineage = lineage }, CliJsonContext.Default.SweepJson).ConfigureAwait(false);
        }
        else
        {
            Print(CliConsole.For(parse), result);
            await output.WriteLineAsync($"Run saved in {Path.GetFullPath(runDirectory)}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The sweep's report: scores of every candidate, the comparisons against the best, the recommendation and every job's loss curves.</summary>
    internal static EvaluationReport BuildReport(string evalSetName, SweepResult result, IEnumerable<EvalItem> items, EvalLineage lineage)
    {
        var recommendation = result.Recommendation!;
        var best = result.Comparisons.FirstOrDefault()?.Baseline ?? recommendation.Recommended.Name;
        var builder = new EvaluationReportBuilder($"Sweep on {evalSetName}")
            .WithDescription(string.Create(CultureInfo.InvariantCulture, $"{result.Candidates.Count} candidates: {string.Join(", ", result.Candidates.Select(c => $"{c.Name} = {result.Models[c.Name]}"))}. Comparisons are against the best-scoring candidate ({best})."))
            .AddResults(result.Results)
            .WithTargetOrder(result.Candidates.Select(c => c.Name))
            .WithSweep(recommendation)
            .AddItems(items)
            .WithLineage(lineage);
        foreach (var candidate in result.Candidates.Where(c => c.Name != best))
        {
            builder.Compare(best, candidate.Name);
        }

        foreach (var series in result.Series)
        {
            builder.AddMetrics(series);
        }

        return builder.Build();
    }

    private static void Print(IAnsiConsole console, SweepResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var recommended = result.Recommendation!.Recommended.Name;
        var table = new Table().AddColumns("candidate", "model", "epochs", "step", result.PrimaryScorer ?? "score", "95% CI", "valid loss", "train loss", "vs best");
        foreach (var c in result.Candidates)
        {
            var vs = result.Comparisons.FirstOrDefault(x => x.Candidate == c.Name && x.Scorer == result.PrimaryScorer);
            table.AddRow(
                Markup.Escape((c.Name == recommended ? "* " : "  ") + c.Name),
                Markup.Escape(result.Models[c.Name]),
                c.Epochs?.ToString("0.##", inv) ?? "-",
                c.Step?.ToString(inv) ?? "-",
                c.Score.ToString("0.000", inv),
                c.ScoreInterval is { } ci ? Markup.Escape(string.Create(inv, $"[{ci.Lower:0.000}, {ci.Upper:0.000}]")) : "-",
                c.ValidLoss?.ToString("0.000", inv) ?? "-",
                c.TrainLoss?.ToString("0.000", inv) ?? "-",
                vs is null ? "best" : Markup.Escape(ComparisonOutput.Verdict(vs)));
        }

        if (console.Profile.Width < 200) console.Profile.Width = 200;
        console.Write(table);
        console.WriteLine($"Recommended: {recommended}. {result.Recommendation.Reason}");
        foreach (var warning in result.Recommendation.Warnings)
        {
            console.WriteLine("warning: " + warning);
        }

        ComparisonOutput.Print(console, result.Comparisons);
    }

    /// <summary>Writes each progress line as it comes (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
