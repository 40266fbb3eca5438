using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Cli.Commands.Train;

/// <summary><c>ftk train FILE --model M</c>: plan, confirm, upload, create and optionally wait.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Plan a fine-tuning job (cost, warnings), ask for confirmation, upload and start it.");
        var file = new Argument<FileInfo>("FILE") { Description = "The training JSONL file." }.ExistingFile();
        var model = new Option<string?>("--model") { Description = "The base model (default: FineTuning:DefaultModel)." }.NotBlank();
        var validation = new Option<FileInfo?>("--validation") { Description = "A validation JSONL file." }.ExistingFile();
        var method = new Option<string>("--method") { Description = "sft, dpo or rft (must match the file's format: chat lines for sft, preference lines for dpo, prompts with grader fields for rft, which needs --grader).", DefaultValueFactory = _ => "sft" }.OneOf("sft", "supervised", "dpo", "rft", "reinforcement");
        var epochs = new Option<HyperparameterValue?>("--epochs") { HelpName = "N|auto", Description = $"Number of epochs ({FineTuningLimits.MinEpochs}-{FineTuningLimits.MaxEpochs}) or auto (default: auto).", CustomParser = Check.ParseHyperparameter }
            .Hyperparameter(FineTuningLimits.IsValidEpochs, $"an integer from {FineTuningLimits.MinEpochs} to {FineTuningLimits.MaxEpochs}");
        var batchSize = new Option<HyperparameterValue?>("--batch-size") { HelpName = "N|auto", Description = $"Batch size ({FineTuningLimits.MinBatchSize}-{FineTuningLimits.MaxBatchSize}) or auto (default: auto).", CustomParser = Check.ParseHyperparameter }
            .Hyperparameter(FineTuningLimits.IsValidBatchSize, $"an integer from {FineTuningLimits.MinBatchSize} to {FineTuningLimits.MaxBatchSize}");
        var learningRate = new Option<HyperparameterValue?>("--learning-rate-multiplier") { HelpName = "X|auto", Description = "Learning-rate multiplier (more than 0) or auto (default: auto).", CustomParser = Check.ParseHyperparameter }
            .Hyperparameter(FineTuningLimits.IsValidLearningRateMultiplier, "more than 0");
        var beta = new Option<HyperparameterValue?>("--beta") { HelpName = "X|auto", Description = $"DPO only: beta (more than 0, at most {FineTuningLimits.Format(FineTuningLimits.MaxBeta)}) or auto (default: auto).", CustomParser = Check.ParseHyperparameter }
            .Hyperparameter(FineTuningLimits.IsValidBeta, $"more than 0 and at most {FineTuningLimits.Format(FineTuningLimits.MaxBeta)}");
        var seed = new Option<int?>("--seed") { HelpName = "N", Description = $"The seed (0-{FineTuningLimits.MaxSeed}) for a reproducible job." }.InRange(0, FineTuningLimits.MaxSeed);
        var metadata = new Option<string[]>("--metadata") { HelpName = "KEY=VALUE", Description = "A metadata pair KEY=VALUE stored on the job (repeatable).", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        metadata.Validators.Add(MetadataProblems);
        var integration = new Option<string?>("--integration") { HelpName = "wandb:PROJECT", Description = "wandb:PROJECT to report to Weights & Biases (the service needs your W&B key)." };
        integration.Validators.Add(result => IntegrationProblem(result));
        var suffix = new Option<string?>("--suffix") { Description = "Suffix of the fine-tuned model name (1-64 characters)." };
        suffix.Validators.Add(result => SuffixProblem(result));
        var budget = new Option<decimal?>("--budget") { HelpName = "USD", Description = "A hard cap in USD: start without asking when the highest estimate is at most this, refuse when it is more. FTK_BUDGET_CAP_USD (or FineTuning:BudgetCapUsd) is a cap too: the lower one applies, even with --yes." }.Above(0m);
        command.OnInterrupt("If the job was already created it keeps running: see 'ftk jobs list'. Running the same command again reuses an identical uploaded file and an identical job instead of starting a second one.");
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (a budget that the estimate exceeds still refuses)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job finishes, with the live progress of 'ftk watch' (the job id is printed when it starts)." };
        var json = Json();
        var grader = new Option<FileInfo?>("--grader") { HelpName = "FILE", Description = "RFT only: the grader as JSON, as the fine-tuning API defines it (string_check, text_similarity, score_model, python or multi)." }.ExistingFile();
        var graderDryRun = new Option<int?>("--grader-dry-run") { HelpName = "N", Description = "RFT only: answer N validation prompts (the training file when there is no --validation) with the base model, grade them locally and show the score distribution; nothing is uploaded or trained. Exit 1 when the grader gives every sample the same score." }.InRange(1, 1000);
        grader.Validators.Add(result =>
        {
            // The grader file is read while parsing, so a bad one is a usage error before anything else happens.
            if (result.GetValueOrDefault<FileInfo?>() is { Exists: true } file)
            {
                try
                {
                    TrainRft.ReadGrader(file);
                }
                catch (CliUsageException ex)
                {
                    result.AddError(ex.Message);
                }
            }
        });
        foreach (var option in new Option[] { model, validation, method, epochs, batchSize, learningRate, beta, seed, metadata, integration, suffix, budget, yes, wait, grader, graderDryRun, json })
        {
            command.Add(option);
        }

        var trainingType = new Option<string?>("--training-type")
        {
            Description = "Azure trainingType: standard, globalstandard or developer (default: FineTuning:AzureTrainingType, else the model's default tier in the catalog). Ignored by OpenAI.",
        };
        command.Add(trainingType);
        command.Add(file);
        command.Validators.Add(result =>
        {
            if (result.GetResult(beta) is { Implicit: false } && result.GetValue(method)?.ToLowerInvariant() != "dpo")
            {
                result.AddError("--beta only applies to --method dpo.");
            }

            var rft = result.GetValue(method)?.ToLowerInvariant() is "rft" or "reinforcement";
            if (rft && result.GetResult(grader) is null or { Implicit: true })
            {
                result.AddError("--method rft needs --grader FILE: a JSON grader (string_check, text_similarity, score_model, python or multi) as the fine-tuning API defines it.");
            }

            foreach (var rftOnly in new Option[] { grader, graderDryRun })
            {
                if (result.GetResult(rftOnly) is { Implicit: false } && !rft)
                {
                    result.AddError($"{rftOnly.Name} only applies to --method rft.");
                }
            }
        });
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var training = parse.GetValue(file)!;
            var trainingMethod = parse.GetValue(method)?.ToLowerInvariant() switch
            {
                "sft" or "supervised" => (TrainingMethod)new SupervisedTraining(),
                "dpo" => new DpoTraining { Beta = parse.GetValue(beta) ?? HyperparameterValue.Auto },
                "rft" or "reinforcement" => new ReinforcementTraining(TrainRft.ReadGrader(parse.GetValue(grader))),
                var other => throw new CliUsageException($"--method '{other}' must be sft, dpo or rft."),
            };
            trainingMethod.Epochs = parse.GetValue(epochs) ?? HyperparameterValue.Auto;
            trainingMethod.BatchSize = parse.GetValue(batchSize) ?? HyperparameterValue.Auto;
            trainingMethod.LearningRateMultiplier = parse.GetValue(learningRate) ?? HyperparameterValue.Auto;

            var assumeYes = parse.GetValue(yes);
            var asJson = parse.GetValue(json);
            var error = parse.InvocationConfiguration.Error;

            // With --json the one document goes to the output; the plan and the live progress go to standard error.
            var human = asJson ? error : output;
            var interactive = !asJson && !Console.IsInputRedirected && ReferenceEquals(output, Console.Out);
            var request = new FineTuneRequest
            {
                Model = parse.GetValue(model),
                ValidationPath = parse.GetValue(validation)?.FullName,
                Method = trainingMethod,
                Suffix = parse.GetValue(suffix),
                Seed = parse.GetValue(seed),
                Metadata = ParseMetadata(parse.GetValue(metadata) ?? []),
                Wandb = parse.GetValue(integration) is { } wandb ? new WandbIntegration { Project = wandb[(wandb.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() } : null,
                AzureTrainingType = ParseTrainingType(parse.GetValue(trainingType)),
                BudgetCapUsd = parse.GetValue(budget),

                // Wait here rather than in the workflow, so the job id is printed as soon as the job exists.
                WaitForCompletion = false,
                Approve = async (plan, token) =>
                {
                    if (assumeYes)
                    {
                        return true;
                    }

                    if (!interactive)
                    {
                        throw new CliUsageException(plan.BudgetCapUsd is { } cap
                            ? string.Create(CultureInfo.InvariantCulture, $"the cost could not be estimated, so the budget of {cap:0.00} USD cannot vouch for it: pass --yes to start anyway when there is no terminal to ask.")
                            : "the plan needs confirmation: pass --yes (or --budget USD) when there is no terminal to ask.");
                    }

                    await human.WriteAsync("Start this job? [y/N] ").ConfigureAwait(false);
                    var answer = await Console.In.ReadLineAsync(token).ConfigureAwait(false);
                    return answer?.Trim().ToLowerInvariant() is "y" or "yes";
                },
            };

            if (parse.GetValue(graderDryRun) is { } dryRun && trainingMethod is ReinforcementTraining rft)
            {
                var baseModel = parse.GetValue(model) ?? services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FineTuningToolkitOptions>>().Value.DefaultModel
                    ?? throw new CliUsageException("--grader-dry-run needs --model (or FineTuning:DefaultModel): the model that answers the samples.");
                return await TrainRft.DryRunAsync(parse, services, rft.Grader, parse.GetValue(validation)?.FullName ?? training.FullName, baseModel, dryRun, asJson, ct).ConfigureAwait(false);
            }

            var workflow = services.GetRequiredService<FineTuningWorkflow>();
            var plan = await workflow.PlanAsync(training.FullName, request, ct).ConfigureAwait(false);
            await human.WriteLineAsync("Plan: " + plan).ConfigureAwait(false);
            await human.WriteLineAsync("  time: " + RoughTime(plan)).ConfigureAwait(false);
            foreach (var warning in plan.Warnings)
            {
                await human.WriteLineAsync("  warning: " + warning).ConfigureAwait(false);
            }

            foreach (var problem in plan.Errors)
            {
                await error.WriteLineAsync("  error: " + problem).ConfigureAwait(false);
            }

            if (!plan.IsValid)
            {
                await error.WriteLineAsync("Not started: nothing was uploaded.").ConfigureAwait(false);
                return await EndAsync("invalid", plan, null, "nothing was uploaded", ExitCodes.Failure).ConfigureAwait(false);
            }

            if (plan.OverBudget)
            {
                await error.WriteLineAsync(OverBudgetMessage(plan)).ConfigureAwait(false);
                return await EndAsync("over_budget", plan, null, OverBudgetMessage(plan), ExitCodes.Failure).ConfigureAwait(false);
            }

            var result = await workflow.FineTuneAsync(training.FullName, request, cancellationToken: ct).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case FineTuneOutcome.NotApproved:
                    await human.WriteLineAsync("Not started.").ConfigureAwait(false);
                    return await EndAsync("not_approved", result.Plan, null, "not approved", ExitCodes.Failure).ConfigureAwait(false);
                case FineTuneOutcome.OverBudget:
                    await error.WriteLineAsync(OverBudgetMessage(result.Plan)).ConfigureAwait(false);
                    return await EndAsync("over_budget", result.Plan, null, OverBudgetMessage(result.Plan), ExitCodes.Failure).ConfigureAwait(false);
                case FineTuneOutcome.Invalid:
                    await error.WriteLineAsync("Not started: the plan is invalid; nothing was uploaded.").ConfigureAwait(false);
                    return await EndAsync("invalid", result.Plan, null, "nothing was uploaded", ExitCodes.Failure).ConfigureAwait(false);
                case FineTuneOutcome.Existing:
                    await human.WriteLineAsync($"An identical job already exists: {result.Job!.Id} ({result.Job.Status}).").ConfigureAwait(false);
                    break;
                default:
                    await human.WriteLineAsync($"Started {result.Job!.Id} ({result.Job.Status}) on {result.Job.Model}.").ConfigureAwait(false);
                    break;
            }

            if (parse.GetValue(wait))
            {
                await human.WriteLineAsync($"Waiting for {result.Job.Id} (Ctrl+C stops waiting; the job keeps running)...").ConfigureAwait(false);
                await human.FlushAsync(ct).ConfigureAwait(false);
                var job = await JobProgress.FollowAsync(parse, services, result.Job.Id, asJson, ct).ConfigureAwait(false);
                await human.WriteLineAsync(JobProgress.Outcome(job)).ConfigureAwait(false);
                return await EndAsync(Outcome(result.Outcome), result.Plan, job, null, job.Status == FineTuningJobStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure).ConfigureAwait(false);
            }

            return await EndAsync(Outcome(result.Outcome), result.Plan, result.Job, null, ExitCodes.Success).ConfigureAwait(false);

            async Task<int> EndAsync(string outcome, FineTuningPlan shown, FineTuningJobInfo? job, string? message, int code)
            {
                if (asJson)
                {
                    var provider = services.GetRequiredService<Connections.IFineTuningConnection>().Capabilities.CatalogProvider;
                    await CliJson.WriteAsync(output, TrainJson.From(outcome, shown, job, message, provider), CliJsonContext.Default.TrainJson).ConfigureAwait(false);
                }

                return code;
            }
        }));
        return command;
    }

    private static string Outcome(FineTuneOutcome outcome) => outcome == FineTuneOutcome.Existing ? "existing" : "started";

    /// <summary>The refusal when the highest estimate exceeds the stated cap (a hard limit: <c>--yes</c> does not override it).</summary>
    private static string OverBudgetMessage(FineTuningPlan plan) => string.Create(
        CultureInfo.InvariantCulture,
        $"Not started: the estimate is over budget: up to {plan.MaxCostUsd ?? plan.EstimatedCostUsd:0.00} USD against a cap of {plan.BudgetCapUsd:0.00} USD (the lower of --budget and FTK_BUDGET_CAP_USD / FineTuning:BudgetCapUsd). Nothing was uploaded; raise the cap, shorten the file or lower --epochs.");

    /// <summary>
    /// A rough training time. It would come from the billed tokens and a throughput figure, but the model catalog
    /// has no throughput figures, so this says so rather than invent one.
    /// </summary>
    private static string RoughTime(FineTuningPlan plan) =>
        plan.Estimate is { } estimate
            ? string.Create(CultureInfo.InvariantCulture, $"unknown (rough time needs a training throughput; the model catalog has none for {plan.Model}; {estimate.BilledTokens} billed tokens; queueing comes on top)")
            : "unknown (no estimate)";

    private static Dictionary<string, string> ParseMetadata(IEnumerable<string> pairs)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            metadata[pair[..equals]] = pair[(equals + 1)..];
        }

        return metadata;
    }

    /// <summary>
    /// Checks <c>--metadata</c> with the library's own rule (<see cref="FineTuningJobRequest.Validate"/>), counting the
    /// lineage keys <see cref="FineTuningWorkflow"/> adds to every job, before anything is uploaded.
    /// </summary>
    private static void MetadataProblems(OptionResult result)
    {
        var pairs = result.GetValueOrDefault<string[]>() ?? [];
        foreach (var pair in pairs.Where(p => p.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            result.AddError($"--metadata '{pair}' must be KEY=VALUE.");
            return;
        }

        var metadata = ParseMetadata(pairs);
        foreach (var key in new[] { FineTuningWorkflow.DatasetHashKey, FineTuningWorkflow.ValidationHashKey, FineTuningWorkflow.VersionKey, FineTuningWorkflow.ConfigHashKey })
        {
            if (!metadata.TryAdd(key, "x"))
            {
                result.AddError($"--metadata: the key '{key}' is set by the toolkit.");
                return;
            }
        }

        var request = new FineTuningJobRequest { Model = "m", TrainingFileId = "f", Metadata = metadata };
        foreach (var problem in request.Validate().Where(p => p.StartsWith("metadata", StringComparison.Ordinal)))
        {
            result.AddError($"--metadata: {problem} The toolkit's lineage keys take {metadata.Count - pairs.Length} of them.");
        }
    }

    /// <summary>Checks <c>--integration</c>: <c>wandb:PROJECT</c> is the one integration the service offers.</summary>
    private static void IntegrationProblem(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is not { } text) return;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !text[..colon].Trim().Equals("wandb", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(text[(colon + 1)..]))
        {
            result.AddError($"--integration '{text}' must be wandb:PROJECT.");
        }
    }
    /// <summary>Parses <c>--training-type</c>; a bad value is a usage error that lists the accepted ones.</summary>
    private static AzureTrainingType? ParseTrainingType(string? text) =>
        text is null ? null
        : AzureTrainingTypes.TryParse(text, out var type) ? type
        : throw new CliUsageException($"--training-type '{text}' must be standard, globalstandard or developer.");

    /// <summary>Checks <c>--suffix</c> with the library's own rule (<see cref="FineTuningJobRequest.Validate"/>), before anything is uploaded.</summary>
    private static void SuffixProblem(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is not { } suffix) return;
        var request = new FineTuningJobRequest { Model = "m", TrainingFileId = "f", Suffix = suffix };
        foreach (var problem in request.Validate().Where(p => p.StartsWith("suffix", StringComparison.Ordinal)))
        {
            result.AddError("--suffix: " + problem);
        }
    }
}
