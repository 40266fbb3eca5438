using FineTuning.Toolkit.Deployments;
using FineTuning.Toolkit.Models;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using FineTuning.Toolkit.Evaluation.Batch;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Cli.Commands.Eval;

/// <summary><c>ftk eval SET --target NAME=MODEL …</c>: runs an evaluation set against one or more models and saves the run.</summary>
internal static class EvalCommand
{
    private static readonly Argument<FileInfo> SetArgument = new Argument<FileInfo>("set") { Description = "The evaluation set (JSONL): eval items, chat training/validation lines, {question, answer} rows or OpenAI-Evals {\"item\": …} rows." }.ExistingFile();
    private static readonly Option<string[]> TargetOption = new("--target", "-t") { Description = "A model to evaluate as NAME=MODEL (e.g. base=gpt-4o-mini, tuned=ft:gpt-4o-mini:acme::abc). Repeat for more.", Required = true, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<int> SamplesOption = new Option<int>("--samples", "-k") { Description = "Samples per item and target, 1-100 (k > 1 measures run-to-run consistency).", DefaultValueFactory = _ => 1 }.InRange(1, 100);
    private static readonly Option<string[]> ScorerOption = new("--scorer", "-s") { Description = "A scorer spec (name, name:argument, or ALIAS=spec to run one scorer twice under different names, e.g. --scorer f1 --scorer strict=f1:0.8), repeatable. Default: exact." };
    private static readonly Option<string?> JudgeOption = new("--judge") { Description = "The model used by judge scorers." };
    private static readonly Option<bool> PairwiseOption = new("--pairwise") { Description = "With --judge and two or more targets: the judge compares each target's answer with the baseline's (the first target), in both orders (position swap) to cancel position bias, and reports wins, ties and the flip rate." };
    private static readonly Option<int> JudgeRepeatsOption = new Option<int>("--judge-repeats") { Description = "With --pairwise: how many times each order is judged, 1-20 (repetitions measure how often the judge changes its mind).", DefaultValueFactory = _ => 1 }.InRange(1, 20);
    private static readonly Option<string?> EmbeddingOption = new("--embedding-model") { Description = "The embedding model used by embedding scorers (e.g. text-embedding-3-small)." };
    private static readonly Option<int> ConcurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Calls in flight at once (1-256).", DefaultValueFactory = _ => 8 }.InRange(1, 256);
    private static readonly Option<int?> RpmOption = new Option<int?>("--rpm") { Description = "Requests-per-minute limit per model." }.InRange(1, 10_000_000);
    private static readonly Option<int?> TpmOption = new Option<int?>("--tpm") { Description = "Tokens-per-minute limit per model (prompt tokens plus max output tokens)." }.InRange(1, int.MaxValue);
    private static readonly Option<float?> TemperatureOption = new Option<float?>("--temperature") { Description = "Sampling temperature for every target, 0-2 (default 0).", DefaultValueFactory = _ => 0f }.InRange(0f, 2f);
    private static readonly Option<int?> MaxTokensOption = new Option<int?>("--max-tokens") { Description = "Maximum output tokens per answer." }.InRange(1, int.MaxValue);
    private static readonly Option<long?> SeedOption = new("--seed") { Description = "Sampling seed sent with every request." };
    private static readonly Option<bool> BatchOption = new("--batch") { Description = "Run through the Batch API (half price, results within 24 h) instead of live calls." };
    private static readonly Option<FileInfo?> ReportOption = new Option<FileInfo?>("--report") { Description = "Also write a report: .html (self-contained), .md or .json by extension." }.OutputFile();
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the run summary as JSON (with the paired comparisons when there are two or more targets)." };
    private static readonly Option<double?> MarginOption = ComparisonOutput.MarginOption();
    private static readonly Option<bool> FailOnWorseOption = ComparisonOutput.FailOnWorseOption();
    private static readonly Option<DirectoryInfo?> OutOption = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run directory (results.jsonl, run.json). Re-using it resumes an interrupted run. Default: ftk-runs/<set>-<time>." }.FolderPath();
    private static readonly Option<bool> FreshOption = new("--fresh") { Description = "Ignore cached responses (fresh answers still refresh the cache)." };
    private static readonly Option<DirectoryInfo?> CacheOption = new Option<DirectoryInfo?>("--cache") { Description = "The response cache directory. Default: the user's local app data ftk/eval-cache." }.FolderPath();
    private static readonly Option<bool> NoCacheOption = new("--no-cache") { Description = "Neither read nor write the response cache." };
    private static readonly Option<string> FormatOption = new Option<string>("--format") { Description = "The set's line shape: auto, items, chat, qa or openai-evals.", DefaultValueFactory = _ => "auto" }.OneOf("auto", "items", "item", "chat", "qa", "question-answer", "openai-evals", "evals");
    private static readonly Option<string?> UserTemplateOption = new("--user-template") { Description = "For openai-evals rows: the user message template, e.g. \"{{item.question}}\" (default {{item.input}})." };
    private static readonly Option<string?> SystemTemplateOption = new("--system-template") { Description = "For openai-evals rows: an optional system message template." };
    private static readonly Option<string?> ReferenceTemplateOption = new("--reference-template") { Description = "For openai-evals rows: the reference template, e.g. \"{{item.answer}}\" (default {{item.ideal}})." };
    private static readonly Option<bool> SkipInvalidOption = new("--skip-invalid") { Description = "Run the valid lines even when some lines are malformed (they are still listed)." };
    private static readonly Option<bool> EmulatorOption = new("--emulator") { Description = "Start the embedded OpenAI emulator and evaluate against it (no key, no cost)." };
    private static readonly Option<DirectoryInfo?> EmulatorDataOption = new Option<DirectoryInfo?>("--emulator-data") { Description = "The emulator's state directory (e.g. with fine-tuned models trained earlier)." }.ExistingFolder();
    private static readonly Option<string?> ProviderOption = JobCommandSupport.Provider();
    private static readonly Option<string?> BaseUrlOption = new("--base-url") { Description = "Overrides OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT." };
    private static readonly Option<string?> ApiKeyEnvOption = new("--api-key-env") { Description = "The environment variable holding the API key (default OPENAI_API_KEY, or AZURE_OPENAI_API_KEY for Azure). Keys are never accepted on the command line." };

    public static Command Create()
    {
        var command = new Command("eval", "Evaluate one or more models on an evaluation set: k samples, scorers, rate limits, cache, resume, cost.");
        command.Add(SetArgument);
        foreach (var option in new Option[]
        {
            TargetOption, SamplesOption, ScorerOption, JudgeOption, PairwiseOption, JudgeRepeatsOption, EmbeddingOption, ConcurrencyOption, RpmOption, TpmOption,
            TemperatureOption, MaxTokensOption, SeedOption, BatchOption, ReportOption, JsonOption, MarginOption, FailOnWorseOption, OutOption, FreshOption,
            CacheOption, NoCacheOption, FormatOption, UserTemplateOption, SystemTemplateOption, ReferenceTemplateOption,
            SkipInvalidOption, EmulatorOption, EmulatorDataOption, ProviderOption, BaseUrlOption, ApiKeyEnvOption,
        })
        {
            command.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(PairwiseOption) && result.GetValue(JudgeOption) is null) result.AddError("--pairwise needs --judge MODEL (the model that compares the answers).");
            if (result.GetResult(JudgeRepeatsOption) is { Implicit: false } && !result.GetValue(PairwiseOption)) result.AddError("--judge-repeats only applies with --pairwise.");
        });
        command.OutputsDifferFromInputs([SetArgument], ReportOption);
        command.OnInterrupt("Every answer received so far is kept in the run folder (results.jsonl); run the same command with --out RUN_FOLDER to resume where it stopped.");
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>
    /// The catalog's prices for the connection's provider; on Azure a target named after a deployment is priced as the model
    /// that deployment serves (looked up through ARM when its settings are configured).
    /// </summary>
    private static async Task<IEvalPriceLookup> PricesAsync(EvalConnection connection, IEnumerable<string> models, TextWriter error, CancellationToken cancellationToken)
    {
        var catalog = new CatalogEvalPriceLookup(provider: connection.ProviderName == "openai" ? "openai" : "azure");
        if (connection.Connection.Provider != FineTuningProvider.Azure)
        {
            return catalog;
        }

        var prices = await DeploymentEvalPrices.ResolveAsync(
            connection.Services.GetRequiredService<IModelDeploymentClient>(), ModelCatalog.BuiltIn, models, catalog, cancellationToken).ConfigureAwait(false);
        foreach (var (deployment, model) in prices.Deployments)
        {
            await error.WriteLineAsync($"{deployment}: an Azure deployment of {model}; priced at its Azure rates (hosting is billed per hour on top: see ftk deployments list).").ConfigureAwait(false);
        }

        return prices;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var set = parse.GetValue(SetArgument)!;
        var samples = parse.GetValue(SamplesOption);
        var concurrency = parse.GetValue(ConcurrencyOption);
        var format = ParseFormat(parse.GetValue(FormatOption)!);
        var template = BuildTemplate(parse);
        var targetSpecs = ParseTargets(parse.GetValue(TargetOption) ?? []);
        var scorerSpecs = parse.GetValue(ScorerOption) is { Length: > 0 } s ? s : ["exact"];
        var json = parse.GetValue(JsonOption);
        var comparisonOptions = ComparisonOutput.Options(parse.GetValue(MarginOption));

        // Pass 1: check every line before spending anything.
        var itemCount = 0;
        var invalid = 0;
        await foreach (var line in EvalSetReader.ReadAsync(set.FullName, format, template, cancellationToken).ConfigureAwait(false))
        {
            if (line.IsValid) { itemCount++; continue; }
            invalid++;
            await error.WriteLineAsync($"{set.Name}:{line.LineNumber.ToString(CultureInfo.InvariantCulture)}: {line.Error}").ConfigureAwait(false);
        }
        if (invalid > 0 && !parse.GetValue(SkipInvalidOption))
        {
            await error.WriteLineAsync($"{invalid.ToString(CultureInfo.InvariantCulture)} malformed line(s); fix them or pass --skip-invalid.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        if (itemCount == 0) throw new CliInputException(invalid == 0 ? $"'{set.Name}' is empty: it has no evaluation items." : $"'{set.Name}' has no valid items.");

        var runDirectory = parse.GetValue(OutOption)?.FullName
            ?? Path.Combine("ftk-runs", $"{Path.GetFileNameWithoutExtension(set.Name)}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(runDirectory);
        string? cacheDirectory = parse.GetValue(NoCacheOption) ? null
            : parse.GetValue(CacheOption)?.FullName ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ftk", "eval-cache");

        await using var connection = await EvalConnection.OpenAsync(
            parse.GetValue(EmulatorOption), parse.GetValue(EmulatorDataOption)?.FullName, parse.GetValue(ProviderOption), parse.GetValue(BaseUrlOption), parse.GetValue(ApiKeyEnvOption), cancellationToken).ConfigureAwait(false);

        var targets = targetSpecs.Select(t => new EvalTarget(t.Name, connection.CreateChatClient(t.Model), t.Model)
        {
            Temperature = parse.GetValue(TemperatureOption),
            MaxOutputTokens = parse.GetValue(MaxTokensOption),
            Seed = parse.GetValue(SeedOption),
        }).ToList();

        var services = new ServiceCollection();
        if (parse.GetValue(JudgeOption) is { } judgeModel) services.AddKeyedSingleton(EvalScorerRegistry.JudgeServiceKey, connection.CreateChatClient(judgeModel));
        if (parse.GetValue(EmbeddingOption) is { } embeddingModel) services.AddSingleton(connection.CreateEmbeddingGenerator(embeddingModel));
        await using var provider = services.BuildServiceProvider();
        var registry = new EvalScorerRegistry(provider);
        List<IEvalScorer> scorers;
        try
        {
            scorers = [.. registry.CreateAll(scorerSpecs)];
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        var options = new EvalRunOptions
        {
            Samples = samples,
            MaxConcurrency = concurrency,
            RequestsPerMinute = parse.GetValue(RpmOption),
            TokensPerMinute = parse.GetValue(TpmOption),
            CacheDirectory = cacheDirectory,
            Fresh = parse.GetValue(FreshOption),
            ResultsPath = Path.Combine(runDirectory, EvalResultsFile.FileName),
            KeepResultsInMemory = false,
            Prices = await PricesAsync(connection, targetSpecs.Select(t => t.Model), error, cancellationToken).ConfigureAwait(false),
        };

        var items = ValidItems(set.FullName, format, template, cancellationToken);
        var batch = parse.GetValue(BatchOption);
        EvalRunSummary summary;
        try
        {
            using var progress = TerminalProgress<EvalRunProgress>.For(parse, ProgressText.Calls);
            summary = batch
                ? await new BatchEvalRunner(connection.Connection).RunAsync(items, targets, scorers, options, progress, cancellationToken).ConfigureAwait(false)
                : await new EvalRunner().RunAsync(items, targets, scorers, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliInterruptedException(
                $"Every answer received so far is kept in {Path.GetFullPath(options.ResultsPath)}; resume with the same command and --out {Path.GetFullPath(runDirectory)}.", ex);
        }

        var lineage = (await EvalLineage.ForEvalSetAsync(set.FullName, cancellationToken).ConfigureAwait(false)) with
        {
            Models = targets.ToDictionary(t => t.Name, t => t.ModelId, StringComparer.Ordinal),
            JudgeModel = parse.GetValue(JudgeOption),
            EmbeddingModel = parse.GetValue(EmbeddingOption),
        };
        var manifest = EvalCliRun.CreateManifest(set.FullName, summary, targets, scorerSpecs, samples, batch ? "batch" : "online", lineage);
        await EvalCliRun.WriteManifestAsync(runDirectory, manifest, cancellationToken).ConfigureAwait(false);
        var results = await EvalResultsFile.ReadLatestAsync(options.ResultsPath, cancellationToken).ConfigureAwait(false);
        var scores = ScoreSummarizer.Summarize(results);

        // Two or more targets: each one against the first (the baseline), on every scorer, Holm-corrected together.
        var comparisons = targets.Count > 1
            ? PairedComparison.CompareAll(results, targets[0].Name, [.. targets.Skip(1).Select(t => t.Name)], [.. scorers.Select(s => s.Name)], comparisonOptions)
            : [];

        IReadOnlyList<PairwiseSummary> pairwise = [];
        var byId = new Dictionary<string, EvalItem>(StringComparer.Ordinal);
        if (parse.GetValue(ReportOption) is not null || parse.GetValue(PairwiseOption))
        {
            await foreach (var item in ValidItems(set.FullName, format, template, cancellationToken).ConfigureAwait(false)) byId.TryAdd(item.Id, item);
        }

        if (parse.GetValue(PairwiseOption) && targets.Count > 1 && parse.GetValue(JudgeOption) is { } pairwiseJudge)
        {
            pairwise = await EvalPairwise.RunAsync(connection.CreateChatClient(pairwiseJudge), byId, results, targets[0].Name, [.. targets.Skip(1).Select(t => t.Name)], parse.GetValue(JudgeRepeatsOption), concurrency, cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(ReportOption) is { } report)
        {
            await EvalCliRun.WriteReportAsync(report.FullName, manifest, results, comparisonOptions, cancellationToken, pairwise, byId.Values).ConfigureAwait(false);
        }

        if (json)
        {
            await CliJson.WriteAsync(output, EvalSummaryJson.From(runDirectory, manifest, scores, comparisons, pairwise), CliJsonContext.Default.EvalSummaryJson).ConfigureAwait(false);
        }
        else
        {
            var console = CliConsole.For(parse);
            EvalCliRun.PrintSummary(console, runDirectory, manifest, scores, summary);
            ComparisonOutput.Print(console, comparisons);
            EvalPairwise.Print(console, pairwise, parse.GetValue(JudgeOption) ?? "");
        }

        await EvalCliRun.PrintFailureReasonsAsync(error, results).ConfigureAwait(false);
        foreach (var failed in scores.Where(s => s.Failed))
        {
            await error.WriteLineAsync($"Scorer '{failed.Scorer}' failed on every sample of target '{failed.Target}': {failed.FirstError}").ConfigureAwait(false);
        }

        var gateFails = parse.GetValue(FailOnWorseOption) && ComparisonOutput.GateFails(comparisons);
        return summary.Failed > 0 || invalid > 0 || scores.Any(s => s.Failed) || gateFails ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async IAsyncEnumerable<EvalItem> ValidItems(string path, EvalSetFormat format, EvalSetTemplate? template, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in EvalSetReader.ReadAsync(path, format, template, cancellationToken).ConfigureAwait(false))
        {
            if (line.Item is { } item) yield return item;
        }
    }

    internal static EvalSetFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "auto" => EvalSetFormat.Auto,
        "items" or "item" => EvalSetFormat.Items,
        "chat" => EvalSetFormat.Chat,
        "qa" or "question-answer" => EvalSetFormat.QuestionAnswer,
        "openai-evals" or "evals" => EvalSetFormat.OpenAIEvals,
        _ => throw new CliUsageException($"Unknown --format '{value}' (expected auto, items, chat, qa or openai-evals)."),
    };

    private static EvalSetTemplate? BuildTemplate(ParseResult parse)
    {
        var user = parse.GetValue(UserTemplateOption);
        var system = parse.GetValue(SystemTemplateOption);
        var reference = parse.GetValue(ReferenceTemplateOption);
        if (user is null && system is null && reference is null) return null;
        var messages = new List<KeyValuePair<string, string>>();
        if (system is not null) messages.Add(new("system", system));
        messages.Add(new("user", user ?? "{{item.input}}"));
        return new EvalSetTemplate(messages, reference ?? "{{item.ideal}}");
    }

    internal static List<(string Name, string Model)> ParseTargets(IEnumerable<string> specs)
    {
        var targets = new List<(string Name, string Model)>();
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) throw new CliUsageException($"--target '{spec}' must be NAME=MODEL, e.g. --target base={spec.Trim()}: the name labels the model in the results and reports.");
            var (name, model) = (spec[..eq].Trim(), spec[(eq + 1)..].Trim());
            if (name.Length == 0 || model.Length == 0) throw new CliUsageException($"--target '{spec}' must be NAME=MODEL.");
            if (name.Contains('/', StringComparison.Ordinal)) throw new CliUsageException($"--target name '{name}' cannot contain '/'.");
            if (targets.Any(t => t.Name == name)) throw new CliUsageException($"--target name '{name}' is used twice.");
            targets.Add((name, model));
        }
        if (targets.Count == 0) throw new CliUsageException("At least one --target NAME=MODEL is needed.");
        return targets;
    }
}
