using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Migration;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Migrate;

/// <summary>
/// <c>ftk migrate snapshot|plan|retrain|compare</c>: keep what a team has on OpenAI before its fine-tuned models retire,
/// and prove a replacement against the recorded answers. A thin layer over <see cref="IMigrationKit"/> and <see cref="MigrationFolder"/>.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Migration kit: snapshot every job, file and fine-tuned model's golden answers before they retire, plan replacements, retrain elsewhere and compare with the recorded answers.");
        command.Add(Snapshot());
        command.Add(Plan());
        command.Add(Retrain());
        command.Add(CompareVerb());
        return command;
    }

    private static Command Snapshot()
    {
        var command = new Command("snapshot", "Inventory every job and fine-tuned model (config, hyperparameters, events, checkpoints, metrics, files; verified by SHA-256) and record golden answers of every model still answering; writes DIR/snapshot.json. Re-run to resume.");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The snapshot folder (created when missing; safe to commit: no keys or endpoints)." }.FolderPath();
        var evalSet = new Option<FileInfo?>("--eval-set") { Description = "An evaluation set used for every model instead of its validation file (eval items, chat lines or {question, answer} rows)." }.ExistingFile();
        var samples = new Option<int>("--samples", "-k") { Description = "Answers recorded per prompt, 1-20.", DefaultValueFactory = _ => 1 }.InRange(1, 20);
        var prompts = new Option<int>("--training-prompts") { Description = "Prompts sampled (seeded) from the training file when a model has no validation file and no --eval-set is given.", DefaultValueFactory = _ => 50 }.InRange(1, Check.MaxCount);
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature of the golden answers, 0-2 (default 0).", DefaultValueFactory = _ => 0f }.InRange(0f, 2f);
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Maximum output tokens per answer." }.InRange(1, int.MaxValue);
        var json = Json();
        foreach (var option in new Option[] { evalSet, samples, prompts, temperature, maxTokens, json })
        {
            command.Add(option);
        }

        command.Add(folder);
        command.OnInterrupt("Files and answers already written are kept (each file whole or not at all); run the same command again to resume.");
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var kit = services.GetRequiredService<IMigrationKit>();
            var snapshot = await kit.SnapshotAsync(
                parse.GetValue(folder)!.FullName,
                new SnapshotOptions
                {
                    EvalSetPath = parse.GetValue(evalSet)?.FullName,
                    Samples = parse.GetValue(samples),
                    TrainingSamplePrompts = parse.GetValue(prompts),
                    Temperature = parse.GetValue(temperature),
                    MaxOutputTokens = parse.GetValue(maxTokens),
                },
                new LineProgress(error),
                ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, snapshot, CliJsonContext.Default.MigrationSnapshot).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Snapshot of {snapshot.Models.Count} fine-tuned models from {snapshot.Jobs} jobs ({snapshot.Files.Count} files, SHA-256 in {MigrationSnapshot.FileName}):")).ConfigureAwait(false);
                foreach (var m in snapshot.Models)
                {
                    await output.WriteLineAsync(m.Answering
                        ? string.Create(CultureInfo.InvariantCulture, $"  {m.FineTunedModel}: answering on {m.CheckedAt:yyyy-MM-dd}; {m.GoldenAnswers} answers to {m.GoldenItemCount} prompts from the {m.GoldenSource?.Replace('_', ' ')}{(m.CostUsd is { } c ? $", ${c:0.0000}" : string.Empty)}")
                        : string.Create(CultureInfo.InvariantCulture, $"  {m.FineTunedModel}: NOT answering on {m.CheckedAt:yyyy-MM-dd}: {m.Error}")).ConfigureAwait(false);
                }
            }

            foreach (var problem in snapshot.Problems)
            {
                await error.WriteLineAsync("warning: " + problem).ConfigureAwait(false);
            }

            return snapshot.Models.Count > 0 && snapshot.Models.All(m => m.Answering) && snapshot.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static Command Plan()
    {
        var command = new Command("plan", "Per fine-tuned model of a snapshot: candidate replacements from the model catalog, the training data validated for the target's profile, estimated training and hosting cost, and the dates that matter. Offline.");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The snapshot folder." }.ExistingFolder();
        var to = new Option<string>("--to") { Description = "The target provider: azure, together or compatible.", DefaultValueFactory = _ => "azure" }.OneOf("azure", "together", "compatible");
        var json = Json();
        command.Add(folder);
        command.Add(to);
        command.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var plan = await Guard(() => MigrationFolder.PlanAsync(parse.GetValue(folder)!.FullName, parse.GetValue(to)!, cancellationToken: ct)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, plan, CliJsonContext.Default.MigrationPlan).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var inv = CultureInfo.InvariantCulture;
            foreach (var m in plan.Models)
            {
                await output.WriteLineAsync(string.Create(inv, $"{m.FineTunedModel} (base {m.BaseModel ?? "?"}): training ends {Date(m.TrainingEndsOn)}, stops answering {Date(m.RetiresOn)}")).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(inv, $"  data: {m.TrainingExamples} examples in {m.TrainingFile ?? "(not exported)"}; {plan.Target} profile '{m.Profile}': {(m.DataErrors.Count == 0 ? "valid" : $"{m.DataErrors.Count} problems")}")).ConfigureAwait(false);
                foreach (var problem in m.DataErrors.Take(5))
                {
                    await output.WriteLineAsync("    " + problem).ConfigureAwait(false);
                }

                foreach (var c in m.Candidates)
                {
                    var cost = c.TrainingCostUsd is { } t ? string.Create(inv, $"training ~${t:0.00}{(c.TrainingCostHighUsd is { } h && h != t ? $" (up to ${h:0.00})" : string.Empty)}") : "training cost unknown";
                    var hosting = c.HostingPerHourUsd is { } hp ? string.Create(inv, $", hosting ${hp:0.00}/h (~${hp * 24 * 30:0}/month)") : string.Empty;
                    await output.WriteLineAsync(string.Create(inv, $"  {(c.TrainingAvailable ? "+" : "-")} {c.Model} [{c.Kind.Replace('_', ' ')}{(c.Tier is null ? string.Empty : ", " + c.Tier)}]: {cost}{hosting}; training ends {Date(c.TrainingEndsOn)}, deployments retire {Date(c.DeploymentRetiresOn)}{(c.DatesUncertain ? " (uncertain)" : string.Empty)}{(c.DataErrors.Count > 0 ? $"; {c.DataErrors.Count} data problems" : string.Empty)}{(c.TrainingAvailable ? string.Empty : "; training no longer available")}")).ConfigureAwait(false);
                }

                if (m.Candidates.Count == 0)
                {
                    await output.WriteLineAsync("  no candidates in the model catalog for this target.").ConfigureAwait(false);
                }
            }

            foreach (var note in plan.Notes)
            {
                await output.WriteLineAsync("note: " + note).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Retrain()
    {
        var command = new Command("retrain", "Retrain a snapshotted model on another provider with the same data and settings, through the normal train flow (validation, cost estimate, budget as a hard limit, idempotency).");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The snapshot folder." }.ExistingFolder();
        var model = new Option<string?>("--model") { Description = "The fine-tuned model to replace (ft:…).", Required = true }.NotBlank();
        var to = new Option<string>("--to") { Description = "The target provider: azure, together (with --base) or compatible (its endpoint and key come from the environment as for --provider, or --base-url).", Required = true }.OneOf("azure", "compatible", "together");
        var baseModel = new Option<string?>("--base") { Description = "The base model to train (default: the original's base)." }.NotBlank();
        var baseUrl = BaseUrl();
        var budget = new Option<decimal?>("--budget") { HelpName = "USD", Description = "A hard cap in USD: start when the highest estimate is at most this, refuse when it is more." }.Above(0m);
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (a budget that the estimate exceeds still refuses)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job finishes." };
        var json = Json();
        foreach (var option in new Option[] { model, to, baseModel, baseUrl, budget, yes, wait, json })
        {
            command.Add(option);
        }

        command.Add(folder);
        command.OnInterrupt("If the job was already created it keeps running; running the same command again reuses the identical upload and job instead of starting a second one.");
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            var stdout = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            // With --json the human lines go to stderr and stdout carries one train-shaped JSON document (as `ftk train --json`).
            var output = asJson ? error : stdout;
            var target = parse.GetValue(to)!.ToLowerInvariant();
            if (target == "together" && parse.GetValue(baseModel) is null)
            {
                throw new CliUsageException("--to together needs --base: Together trains open-weight models, not the original's base; 'ftk migrate plan DIR --to together' lists the candidates with their prices.");
            }

            var retrain = await Guard(() => MigrationFolder.CreateRetrainRequestAsync(parse.GetValue(folder)!.FullName, parse.GetValue(model)!, parse.GetValue(baseModel), ct)).ConfigureAwait(false);
            var assumeYes = parse.GetValue(yes);
            var request = retrain.Request.WithApproval(parse.GetValue(budget), (plan, _) => assumeYes
                ? ValueTask.FromResult(true)
                : throw new CliUsageException("the plan needs confirmation: pass --yes (or --budget USD covering the estimate)."));

            // The target connection is built exactly as --provider builds it (environment, then the overrides).
            var options = CliConnection.Options(target, parse.GetValue(baseUrl));
            await using var services = CliConnection.CreateServices(options);
            try
            {
                var workflow = services.GetRequiredService<FineTuningWorkflow>();
                var result = await workflow.FineTuneAsync(retrain.TrainingPath, request, cancellationToken: ct).ConfigureAwait(false);
                await output.WriteLineAsync("Plan: " + result.Plan).ConfigureAwait(false);
                foreach (var warning in result.Plan.Warnings)
                {
                    await output.WriteLineAsync("  warning: " + warning).ConfigureAwait(false);
                }

                foreach (var problem in result.Plan.Errors)
                {
                    await error.WriteLineAsync("  error: " + problem).ConfigureAwait(false);
                }

                async Task<int> Done(int code, string outcome, FineTuningJobInfo? job, string? message)
                {
                    if (asJson)
                    {
                        await CliJson.WriteAsync(stdout, TrainJson.From(outcome, result.Plan, job, message, target), CliJsonContext.Default.TrainJson).ConfigureAwait(false);
                    }

                    return code;
                }

                switch (result.Outcome)
                {
                    case FineTuneOutcome.Invalid:
                        await error.WriteLineAsync("Not started: the data is not valid for the target; nothing was uploaded.").ConfigureAwait(false);
                        return await Done(ExitCodes.Failure, "invalid", null, "the data is not valid for the target").ConfigureAwait(false);
                    case FineTuneOutcome.OverBudget:
                        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Not started: the estimate is over budget: up to {result.Plan.MaxCostUsd ?? result.Plan.EstimatedCostUsd:0.00} USD against a cap of {result.Plan.BudgetCapUsd:0.00} USD (--budget). Nothing was uploaded.")).ConfigureAwait(false);
                        return await Done(ExitCodes.Failure, "over_budget", null, "the estimate is over budget").ConfigureAwait(false);
                    case FineTuneOutcome.NotApproved:
                        await output.WriteLineAsync("Not started.").ConfigureAwait(false);
                        return await Done(ExitCodes.Failure, "not_approved", null, null).ConfigureAwait(false);
                    case FineTuneOutcome.Existing:
                        await output.WriteLineAsync($"An identical job already exists: {result.Job!.Id} ({result.Job.Status}).").ConfigureAwait(false);
                        break;
                    default:
                        await output.WriteLineAsync($"Started {result.Job!.Id} ({result.Job.Status}) on {result.Job.Model} ({target}), replacing {parse.GetValue(model)}.").ConfigureAwait(false);
                        break;
                }

                if (parse.GetValue(wait))
                {
                    var job = await services.GetRequiredService<FineTuningJobMonitor>().WaitForCompletionAsync(result.Job.Id, null, null, ct).ConfigureAwait(false);
                    await output.WriteLineAsync(job.Status == FineTuningJobStatus.Succeeded ? $"{job.Id} succeeded: {job.FineTunedModel}" : $"{job.Id} {job.Status}{(job.Error is null ? string.Empty : ": " + job.Error)}").ConfigureAwait(false);
                    return await Done(job.Status == FineTuningJobStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure, job.Status.Value, job, null).ConfigureAwait(false);
                }

                return await Done(ExitCodes.Success, result.Outcome == FineTuneOutcome.Existing ? "existing" : "started", result.Job, null).ConfigureAwait(false);
            }
            catch (FineTuningApiException ex)
            {
                await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static Command CompareVerb()
    {
        var command = new Command("compare", "Evaluate each replacement on the recorded golden prompts and compare with the recorded answers: exact, normalized, similarity (and a judge's pairwise preference), paired statistics and a non-inferiority verdict per model.");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The snapshot folder." }.ExistingFolder();
        var pairs = new Option<string[]>("--model") { HelpName = "FT_MODEL=REPLACEMENT", Description = "A fine-tuned model of the snapshot and its replacement (a model or Azure deployment name on --provider). Repeatable.", Required = true, AllowMultipleArgumentsPerToken = false };
        var margin = new Option<double>("--margin") { Description = "Non-inferiority margin D (score units): a replacement passes when, with 95% confidence, it is not worse than the original by more than D.", DefaultValueFactory = _ => 0.05 }.Between(0d, 1d);
        var judge = new Option<string?>("--judge") { Description = "A judge model (on the same connection) for a pairwise preference, asked in both positions." }.NotBlank();
        var report = new Option<FileInfo?>("--report") { Description = "Also write a report: .html (self-contained), .md or .json by extension." }.OutputFile();
        var json = Json();
        foreach (var option in new Option[] { pairs, margin, judge, report, json })
        {
            command.Add(option);
        }

        command.Add(folder);
        command.OnInterrupt("Answers received so far are kept under DIR/compare; run the same command again to resume.");
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var spec in parse.GetValue(pairs) ?? [])
            {
                var eq = spec.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == spec.Length - 1)
                {
                    throw new CliUsageException($"--model '{spec}' must be FT_MODEL=REPLACEMENT.");
                }

                list.Add(new(spec[..eq].Trim(), spec[(eq + 1)..].Trim()));
            }

            var connectionToReplacements = services.GetRequiredService<IFineTuningConnection>();
            var kit = services.GetRequiredService<IMigrationKit>();
            var comparison = await Guard(() => kit.CompareAsync(
                parse.GetValue(folder)!.FullName,
                list,
                connectionToReplacements,
                new MigrationCompareOptions
                {
                    Margin = parse.GetValue(margin),
                    Judge = parse.GetValue(judge) is { } judgeModel ? connectionToReplacements.GetChatClient(judgeModel) : null,
                    ReportPath = parse.GetValue(report)?.FullName,
                },
                new LineProgress(parse.InvocationConfiguration.Error),
                ct)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, comparison, CliJsonContext.Default.MigrationComparison).ConfigureAwait(false);
            }
            else
            {
                var console = CliConsole.For(parse);
                ComparisonOutput.Print(console, [.. comparison.Models.SelectMany(m => m.Comparisons)]);
                foreach (var m in comparison.Models)
                {
                    await output.WriteLineAsync($"{m.FineTunedModel} -> {m.Replacement}: {m.Verdict.Replace('_', ' ').ToUpperInvariant()} ({m.Items} prompts{(m.Failed > 0 ? $", {m.Failed} failed calls" : string.Empty)}). {m.VerdictReason}").ConfigureAwait(false);
                }

                if (comparison.ReportPath is { } path)
                {
                    await output.WriteLineAsync($"Report written to {path}").ConfigureAwait(false);
                }
            }

            return comparison.Models.All(m => m.Verdict is MigrationVerdicts.NonInferior or MigrationVerdicts.Better) ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";

    /// <summary>Library refusals of the input (not a snapshot, a model not in it) as usage errors naming the problem.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or FileNotFoundException)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>Progress lines to stderr, as they come.</summary>
    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (writer)
            {
                writer.WriteLine(value);
            }
        }
    }
}
