using FineTuning.Toolkit.Connections;
using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Conversion;
using FineTuning.Toolkit.Datasets.Splitting;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tokenization;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using FineTuning.Toolkit.Cli.Commands.Shared;
using Spectre.Console;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>The steps of <c>ftk quickstart</c>, each printed with its timing.</summary>
internal sealed class QuickstartFlow(QuickstartSettings settings, IAnsiConsole console, TextWriter lines)
{
    public const string DefaultModel = "gpt-4.1-mini-2025-04-14";

    private const string SystemPrompt = "You triage support tickets for a project-management SaaS. Answer with the category only.";

    /// <summary>The six labels of the bundled support-ticket task (the classification scorer's bounded label set).</summary>
    internal static readonly string[] Labels = ["billing", "account_access", "bug_report", "feature_request", "outage", "data_privacy"];
    private const int StepCount = 8;
    private readonly List<FineTuning.Toolkit.Jobs.TrainingMetricPoint> _metrics = [];
    private int _step;

    /// <summary>Gets the fine-tuning job once it exists.</summary>
    public FineTuningJobInfo? Job { get; private set; }

    /// <summary>Gets the evaluation run once it finished.</summary>
    public EvalRunSummary? Run { get; private set; }

    /// <summary>Gets the base vs fine-tuned comparison once computed.</summary>
    public PairedComparisonResult? Comparison { get; private set; }

    /// <summary>Gets the report's path once written.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>Whether the environment names credentials for the real service.</summary>
    /// <remarks>The library's one rule decides (<see cref="CliConnection.Resolve"/>): the same provider <c>ftk train</c> and <c>ftk eval</c> would use.</remarks>
    public static bool HasCredentials(Func<string, string?> environment)
    {
        try
        {
            _ = CliConnection.Resolve(new FineTuningToolkitOptions(), environment);
            return true;
        }
        catch (CliUsageException)
        {
            // Credentials named but incomplete (e.g. an Azure key without its endpoint): the real run reports what is missing.
            return new[] { "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "FTK_COMPATIBLE_API_KEY" }
                .Any(name => !string.IsNullOrWhiteSpace(environment(name)));
        }
    }

    /// <summary>Runs every step; true when the report was written.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var outDir = Directory.CreateDirectory(settings.OutputDirectory).FullName;
        OpenAIEmulator? emulator = null;
        try
        {
            FineTuningToolkitOptions connection;
            if (settings.UseEmulator)
            {
                // Fast simulated time: a job takes a few seconds of wall time.
                emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 40 }, cancellationToken).ConfigureAwait(false);
                console.Write(new Panel(new Markup(
                    $"[yellow]EMULATOR[/] No credentials found, so this run uses the embedded OpenAI emulator at [blue]{Markup.Escape((settings.AzureEmulator ? emulator.AzureBaseUrl : emulator.BaseUrl).ToString())}[/].\n" +
                    "It simulates the service: nothing is trained and nothing is spent. Set OPENAI_API_KEY (or AZURE_OPENAI_ENDPOINT and\n" +
                    "AZURE_OPENAI_API_KEY) to use the real service; it then needs --yes and --budget before it spends money."))
                { Border = BoxBorder.Rounded });
                connection = settings.AzureEmulator ? AzureEmulatorOptions(emulator) : CliConnection.EmulatorOptions(emulator);
            }
            else
            {
                connection = CliConnection.Options();
            }

            await using var services = CliConnection.CreateServices(connection, o =>
            {
                o.BudgetCapUsd = settings.BudgetUsd;
                if (settings.UseEmulator)
                {
                    o.Polling.QueuedInterval = TimeSpan.FromMilliseconds(200);
                    o.Polling.RunningInterval = TimeSpan.FromMilliseconds(200);
                    if (settings.AzureEmulator)
                    {
                        UseEmulatorArm(o.Azure, emulator!);
                    }
                }
            });
            var link = services.GetRequiredService<ProviderConnection>();
            if (!settings.UseEmulator)
            {
                console.MarkupLine(CultureInfo.InvariantCulture, "Using the real {0} service at {1}; budget {2} USD.",
                    link.Provider, Markup.Escape(link.Endpoint.ToString()), settings.BudgetUsd ?? 0);
            }

            // 1. Prepare: legacy prompt/completion → chat; held-out rows → eval set.
            var legacy = await ExtractAsync("support-tickets-legacy.jsonl", outDir, cancellationToken).ConfigureAwait(false);
            var heldOutLegacy = await ExtractAsync("support-tickets-legacy-heldout.jsonl", outDir, cancellationToken).ConfigureAwait(false);
            var all = Path.Combine(outDir, "all.jsonl");
            var train = Path.Combine(outDir, "train.jsonl");
            var validation = Path.Combine(outDir, "validation.jsonl");
            var heldOutChat = Path.Combine(outDir, "heldout-chat.jsonl");
            var evalSet = Path.Combine(outDir, "eval.jsonl");
            await StepAsync("Prepare", async () =>
            {
                var conversion = new LegacyConversionOptions { SystemPrompt = SystemPrompt, StripSeparators = true };
                var trainReport = await DatasetConverter.LegacyToChatAsync(legacy, all, conversion, cancellationToken).ConfigureAwait(false);

                // A validation file (2 per label, stratified by the answer) so the job reports validation loss beside training loss.
                var split = await DatasetSplitter.SplitAsync(all, train, validation, new SplitOptions { ValidationRatio = 1 / 6d, Seed = 42, StratifyBy = "$.messages[2].content", ExactRatio = true }, cancellationToken).ConfigureAwait(false);
                if (split.Errors.Count > 0)
                {
                    throw new QuickstartStepException($"the split reported {split.Errors.Count} error(s); first: {split.Errors[0]}");
                }
                var heldOutReport = await DatasetConverter.LegacyToChatAsync(heldOutLegacy, heldOutChat, conversion, cancellationToken).ConfigureAwait(false);
                var evalReport = await DatasetConverter.ChatToEvalSetAsync(heldOutChat, evalSet, new EvalSetConversionOptions { IdPrefix = "ticket-" }, cancellationToken).ConfigureAwait(false);
                if (trainReport.Errors.Count + heldOutReport.Errors.Count + evalReport.Errors.Count > 0)
                {
                    throw new QuickstartStepException($"conversion reported {trainReport.Errors.Count + heldOutReport.Errors.Count + evalReport.Errors.Count} error(s).");
                }

                return $"{trainReport.Written} examples converted to chat and split into {split.Training} training and {split.Validation} validation (stratified by label); {evalReport.Written} held-out for evaluation (stripped separator {Quote(trainReport.StrippedPromptSeparator)}, stop {Quote(trainReport.StrippedCompletionStop)})";
            }).ConfigureAwait(false);

            // 2-3. Plan with the library's workflow: every platform rule, exact tokens, the catalog and the cost, before anything is spent.
            var workflow = services.GetRequiredService<FineTuningWorkflow>();
            var request = new FineTuneRequest
            {
                Model = settings.Model,
                ValidationPath = validation,
                Method = new SupervisedTraining(),
                Suffix = "quickstart",
                Seed = 42,
                Metadata = new Dictionary<string, string> { ["source"] = "ftk quickstart" },
                BudgetCapUsd = settings.BudgetUsd,

                // The emulator spends nothing; on the real service only the budget given with --yes approves.
                Approve = settings.UseEmulator ? (_, _) => ValueTask.FromResult(true) : null,
            };
            FineTuningPlan? plan = null;
            await StepAsync("Validate", async () =>
            {
                plan = await workflow.PlanAsync(train, request, cancellationToken).ConfigureAwait(false);
                if (!plan.IsValid)
                {
                    throw new QuickstartStepException($"the plan has {plan.Errors.Count} error(s); first: {plan.Errors[0]}");
                }

                return $"{plan.TrainingExamples} examples, 0 errors, {plan.Warnings.Count} warning(s)";
            }).ConfigureAwait(false);

            TrainingEstimate? estimate = null;
            await StepAsync("Estimate", () =>
            {
                estimate = plan!.Estimate ?? throw new QuickstartStepException("no estimate: " + string.Join("; ", plan.Warnings));
                foreach (var warning in plan.Warnings)
                {
                    console.MarkupLine(CultureInfo.InvariantCulture, "      [yellow]warning[/] {0}", Markup.Escape(warning));
                }

                if (!settings.UseEmulator && !plan.WithinBudget)
                {
                    throw new QuickstartStepException(string.Create(CultureInfo.InvariantCulture, $"the estimate (up to {plan.MaxCostUsd ?? plan.EstimatedCostUsd:0.00} USD) is over the budget of {settings.BudgetUsd ?? 0:0.00} USD; nothing was spent."));
                }

                var costText = estimate.Cost is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Expected:0.0000} USD (range {c.Low:0.0000}-{c.High:0.0000})") : "no price in the catalog";
                return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"{estimate.TrainingTokens:N0} tokens x {estimate.Epochs} epoch(s){(estimate.EpochsAreAuto ? " (auto)" : "")} = {estimate.BilledTokens:N0} billed tokens, {costText}"));
            }).ConfigureAwait(false);

            // 4. Upload (the workflow's uploader; an identical file already uploaded is reused).
            await StepAsync("Upload", async () =>
            {
                var upload = await services.GetRequiredService<DatasetUploader>().UploadAsync(train, cancellationToken: cancellationToken).ConfigureAwait(false);
                return $"{upload.File.Id} ({upload.File.Bytes:N0} bytes{(upload.Reused ? ", reused" : "")})";
            }).ConfigureAwait(false);

            // 5. Train through the workflow: budget approval, idempotent create, the workflow's lineage metadata.
            FineTuningJobInfo? job = null;
            await StepAsync("Train", async () =>
            {
                var result = await workflow.FineTuneAsync(train, request, progress: null, cancellationToken).ConfigureAwait(false);
                job = result.Outcome switch
                {
                    FineTuneOutcome.Started or FineTuneOutcome.Existing => result.Job!,
                    FineTuneOutcome.OverBudget or FineTuneOutcome.NotApproved => throw new QuickstartStepException(string.Create(CultureInfo.InvariantCulture, $"the estimate (up to {result.Plan.MaxCostUsd ?? result.Plan.EstimatedCostUsd:0.00} USD) is not covered by the budget of {settings.BudgetUsd ?? 0:0.00} USD; nothing was spent.")),
                    _ => throw new QuickstartStepException("the plan is invalid: " + string.Join("; ", result.Plan.Errors)),
                };
                Job = job;
                return $"job {job.Id} {(result.Outcome == FineTuneOutcome.Existing ? "reused (same data and settings)" : "created")} on {settings.Model} ({job.Status})";
            }).ConfigureAwait(false);

            // 6. Watch with a progress bar until the job ends.
            await StepAsync("Watch", async () =>
            {
                job = await JobProgress.FollowAsync(console, lines, services.GetRequiredService<FineTuningJobMonitor>(), job!.Id, update =>
                {
                    if (update.Metrics is { } point) _metrics.Add(point);
                }, cancellationToken).ConfigureAwait(false);
                Job = job;
                if (job.FineTunedModel is null)
                {
                    throw new QuickstartStepException($"job {job.Id} ended {job.Status}{(job.Error is null ? "" : ": " + job.Error)}");
                }

                return $"{job.Status}: {job.FineTunedModel} ({job.TrainedTokens:N0} trained tokens)";
            }).ConfigureAwait(false);

            // 6b. Azure: the fine-tuned model answers only through a deployment (QuickstartDeployment); evaluate that.
            var tuned = job!.FineTunedModel!;
            var deployment = link.Provider == FineTuningProvider.Azure ? new QuickstartDeployment(services, console) : null;
            if (deployment is not null)
            {
                console.MarkupLine(CultureInfo.InvariantCulture, "[grey][[Azure]][/] [bold]Deploy[/] {0} ...", Markup.Escape(tuned));
                tuned = await deployment.DeployAsync(tuned, job.Id, cancellationToken).ConfigureAwait(false);
                console.MarkupLine(CultureInfo.InvariantCulture, "      [green]ok[/] deployment '{0}' answers", Markup.Escape(tuned));
            }

            try
            {
            // 7. Evaluate base vs fine-tuned on the held-out set, k samples each.
            EvalRunSummary? run = null;
            var runDirectory = Path.Combine(outDir, "eval-run");
            await StepAsync("Evaluate", async () =>
            {
                Directory.CreateDirectory(runDirectory);
                var targets = new[]
                {
                    new EvalTarget("base", link.GetChatClient(settings.Model), settings.Model) { Temperature = 1f, MaxOutputTokens = 20 },
                    new EvalTarget("fine-tuned", link.GetChatClient(tuned), tuned) { Temperature = 1f, MaxOutputTokens = 20 },
                };
                var registry = new EvalScorerRegistry(services);
                var scorers = new[] { registry.Create("normalized-exact"), registry.Create("classification:" + string.Join(',', Labels)) };
                var items = ValidItemsAsync(evalSet, cancellationToken);
                run = await services.GetRequiredService<EvalRunner>().RunAsync(items, targets, scorers, new EvalRunOptions
                {
                    Samples = settings.Samples,
                    MaxConcurrency = 4,
                    ResultsPath = Path.Combine(runDirectory, EvalResultsFile.FileName),
                    Fresh = true,
                }, progress: null, cancellationToken).ConfigureAwait(false);
                Run = run;
                return $"{run.Items} items x 2 models x {settings.Samples} samples, {run.Failed} failed";
            }).ConfigureAwait(false);

            // 8. Statistics and the report.
            var reportPath = Path.Combine(outDir, "report.html");
            await StepAsync("Report", async () =>
            {
                var comparison = PairedComparison.Compare(run!.Results, "normalized-exact", "base", "fine-tuned");
                Comparison = comparison;
                var table = new Table().AddColumns("model", "accuracy", "95% CI", "agreement across samples");
                foreach (var target in new[] { "base", "fine-tuned" })
                {
                    var summary = ScoreSummarizer.Summarize(run.Results, target, "normalized-exact");
                    var consistency = ConsistencyAnalyzer.Analyze(run.Results, target, "normalized-exact");
                    table.AddRow(target, Percent(summary.Mean), summary.Interval is { } ci ? $"{Percent(ci.Lower)} - {Percent(ci.Upper)}" : "-", consistency.Items.Count == 0 ? "n/a (needs --samples 2 or more)" : Percent(consistency.MeanAgreement));
                }

                console.Write(table);
                console.MarkupLine(CultureInfo.InvariantCulture, "      verdict: [bold]{0}[/] ({1})", comparison.Verdict, Markup.Escape(comparison.VerdictReason));
                if (console.Profile.Width < 132) console.Profile.Width = 132; // six label columns stay readable when the output is redirected
                console.Write(ConfusionTable(ClassificationAnalyzer.FromResults(run.Results, "fine-tuned", "classification")));
                var lineage = (await EvalLineage.ForEvalSetAsync(evalSet, cancellationToken).ConfigureAwait(false)) with
                {
                    TrainingSha256 = plan!.TrainingSha256,
                    ValidationSha256 = plan.ValidationSha256,
                    Models = new Dictionary<string, string> { ["base"] = settings.Model, ["fine-tuned"] = job!.FineTunedModel! },
                    Jobs = new Dictionary<string, string> { ["fine-tuned"] = job.Id },
                };
                var evalItems = new List<EvalItem>();
                await foreach (var item in ValidItemsAsync(evalSet, cancellationToken).ConfigureAwait(false)) evalItems.Add(item);
                await QuickstartReport.WriteAsync(reportPath, run, job, estimate, _metrics, settings.UseEmulator, evalItems, lineage, cancellationToken).ConfigureAwait(false);
                ReportPath = reportPath;
                return reportPath;
            }).ConfigureAwait(false);

            console.MarkupLine(CultureInfo.InvariantCulture, "Done in {0:0.0} s. Open the report (it works offline): [link]{1}[/]", total.Elapsed.TotalSeconds, Markup.Escape(reportPath));
            return true;
            }
            finally
            {
                if (deployment is not null)
                {
                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey][[Azure]][/] [bold]Clean up[/] {0}", Markup.Escape(await deployment.CleanUpAsync(settings.KeepDeployment, CancellationToken.None).ConfigureAwait(false)));
                }
            }
        }
        finally
        {
            if (emulator is not null) await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The emulator's Azure flavour: Azure routes and api-key, ARM deployments on the same server.</summary>
    private static FineTuningToolkitOptions AzureEmulatorOptions(OpenAIEmulator emulator)
    {
        var options = new FineTuningToolkitOptions
        {
            Provider = FineTuningProvider.Azure,
            Endpoint = emulator.AzureBaseUrl,
            ApiKey = emulator.ApiKey,
            UseEnvironmentVariables = false,
        };
        return options;
    }

    /// <summary>The ARM settings of the emulator's Azure flavour (deployments on the same server).</summary>
    private static void UseEmulatorArm(AzureManagementOptions arm, OpenAIEmulator emulator)
    {
        arm.SubscriptionId = "00000000-0000-0000-0000-000000000000";
        arm.ResourceGroup = "rg-quickstart";
        arm.AccountName = "emulator";
        arm.ManagementEndpoint = emulator.ArmBaseUrl;
        arm.ManagementToken = emulator.ApiKey;
        arm.PollInterval = TimeSpan.FromMilliseconds(200);
    }

    private async Task StepAsync(string name, Func<Task<string>> body)
    {
        var number = ++_step;
        var watch = Stopwatch.StartNew();
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey][[{0}/{1}]][/] [bold]{2}[/] ...", number, StepCount, name);
        var detail = await body().ConfigureAwait(false);
        console.MarkupLine(CultureInfo.InvariantCulture, "      [green]ok[/] {0} [grey]({1:0.00} s)[/]", Markup.Escape(detail), watch.Elapsed.TotalSeconds);
    }

    private static async IAsyncEnumerable<EvalItem> ValidItemsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in EvalSetReader.ReadAsync(path, EvalSetFormat.Auto, null, cancellationToken).ConfigureAwait(false))
        {
            if (line.Item is { } item) yield return item;
            else throw new QuickstartStepException($"eval set line {line.LineNumber}: {line.Error}");
        }
    }

    private static async Task<string> ExtractAsync(string name, string outDir, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outDir, name);
        await using var resource = typeof(QuickstartFlow).Assembly.GetManifestResourceStream("quickstart/" + name)
            ?? throw new InvalidOperationException($"The bundled dataset '{name}' is missing from the ftk assembly.");
        await AtomicFile.WriteAsync(path, (file, ct) => resource.CopyToAsync(file, ct), cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static string Quote(string? text) => text is null ? "none" : "'" + text.Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    /// <summary>The fine-tuned model's confusion matrix (rows: expected label, columns: the majority answer per item).</summary>
    internal static Table ConfusionTable(ClassificationMetrics metrics)
    {
        var table = new Table().Title($"fine-tuned: confusion matrix ({metrics.Total} items, majority answer per item; macro-F1 {metrics.MacroF1.ToString("0.000", CultureInfo.InvariantCulture)})");
        table.AddColumn("expected \\ answered");
        foreach (var label in metrics.Labels) table.AddColumn(Markup.Escape(label));
        for (var i = 0; i < metrics.Labels.Count; i++)
        {
            table.AddRow([Markup.Escape(metrics.Labels[i]), .. metrics.ConfusionMatrix[i].Select((n, j) => i == j ? $"[green]{n}[/]" : n == 0 ? "[grey]0[/]" : $"[red]{n}[/]")]);
        }

        return table;
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
