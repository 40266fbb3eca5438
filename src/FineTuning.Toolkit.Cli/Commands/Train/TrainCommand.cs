using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

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
        var method = new Option<string>("--method") { Description = "sft, dpo or rft.", DefaultValueFactory = _ => "sft" }.OneOf("sft", "supervised", "dpo", "rft", "reinforcement");
        var epochs = new Option<int?>("--epochs") { Description = "Number of epochs (default: auto)." }.InRange(1, 50);
        var suffix = new Option<string?>("--suffix") { Description = "Suffix of the fine-tuned model name (1-64 characters)." };
        suffix.Validators.Add(result => SuffixProblem(result));
        var budget = new Option<decimal?>("--budget") { Description = "Start without asking when the highest estimate is at most this many USD." }.Above(0m);
        command.OnInterrupt("If the job was already created it keeps running: see 'ftk jobs list'. Running the same command again reuses an identical uploaded file and an identical job instead of starting a second one.");
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job finishes." };
        foreach (var option in new Option[] { model, validation, method, epochs, suffix, budget, yes, wait })
        {
            command.Add(option);
        }

        var trainingType = new Option<string?>("--training-type")
        {
            Description = "Azure trainingType: standard, globalstandard or developer (default: FineTuning:AzureTrainingType, else the model's default tier in the catalog). Ignored by OpenAI.",
        };
        command.Add(trainingType);
        command.Add(file);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var training = parse.GetValue(file)!;
            var trainingMethod = parse.GetValue(method)?.ToLowerInvariant() switch
            {
                "sft" or "supervised" => (TrainingMethod)new SupervisedTraining(),
                "dpo" => new DpoTraining(),
                "rft" or "reinforcement" => throw new CliUsageException("--method rft needs a grader; start RFT jobs from code (ReinforcementTraining) for now."),
                var other => throw new CliUsageException($"--method '{other}' must be sft, dpo or rft."),
            };
            if (parse.GetValue(epochs) is { } n)
            {
                trainingMethod.Epochs = n;
            }

            var assumeYes = parse.GetValue(yes);
            var interactive = !Console.IsInputRedirected && ReferenceEquals(output, Console.Out);
            var error = parse.InvocationConfiguration.Error;
            var request = new FineTuneRequest
            {
                Model = parse.GetValue(model),
                ValidationPath = parse.GetValue(validation)?.FullName,
                Method = trainingMethod,
                Suffix = parse.GetValue(suffix),
                AzureTrainingType = ParseTrainingType(parse.GetValue(trainingType)),
                BudgetCapUsd = parse.GetValue(budget),
                WaitForCompletion = parse.GetValue(wait),
                Approve = async (plan, token) =>
                {
                    if (assumeYes)
                    {
                        return true;
                    }

                    if (!interactive)
                    {
                        throw new CliUsageException("the plan needs confirmation: pass --yes (or --budget USD) when there is no terminal to ask.");
                    }

                    await output.WriteAsync("Start this job? [y/N] ").ConfigureAwait(false);
                    var answer = await Console.In.ReadLineAsync(token).ConfigureAwait(false);
                    return answer?.Trim().ToLowerInvariant() is "y" or "yes";
                },
            };

            var workflow = services.GetRequiredService<FineTuningWorkflow>();
            var plan = await workflow.PlanAsync(training.FullName, request, ct).ConfigureAwait(false);
            await output.WriteLineAsync("Plan: " + plan).ConfigureAwait(false);
            foreach (var warning in plan.Warnings)
            {
                await output.WriteLineAsync("  warning: " + warning).ConfigureAwait(false);
            }

            foreach (var problem in plan.Errors)
            {
                await error.WriteLineAsync("  error: " + problem).ConfigureAwait(false);
            }

            if (!plan.IsValid)
            {
                return ExitCodes.Failure;
            }

            var result = await workflow.FineTuneAsync(training.FullName, request, cancellationToken: ct).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case FineTuneOutcome.NotApproved:
                    await output.WriteLineAsync("Not started.").ConfigureAwait(false);
                    return ExitCodes.Failure;
                case FineTuneOutcome.Existing:
                    await output.WriteLineAsync($"An identical job already exists: {result.Job!.Id} ({result.Job.Status}).").ConfigureAwait(false);
                    break;
                default:
                    await output.WriteLineAsync($"Started {result.Job!.Id} ({result.Job.Status}) on {result.Job.Model}.").ConfigureAwait(false);
                    break;
            }

            if (request.WaitForCompletion)
            {
                await output.WriteLineAsync(result.Job.Status == FineTuningJobStatus.Succeeded
                    ? $"{result.Job.Id} succeeded: {result.Job.FineTunedModel}"
                    : $"{result.Job.Id} {result.Job.Status}{(result.Job.Error is null ? string.Empty : ": " + result.Job.Error)}").ConfigureAwait(false);
                return result.Job.Status == FineTuningJobStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Parses <c>--training-type</c>; a bad value is a usage error that lists the accepted ones.</summary>
    private static AzureTrainingType? ParseTrainingType(string? text) =>
        text is null ? null
        : AzureTrainingTypes.TryParse(text, out var type) ? type
        : throw new CliUsageException($"--training-type '{text}' must be standard, globalstandard or developer.");

    /// <summary>Checks <c>--suffix</c> with the library's own rule (<see cref="FineTuningJobRequest.Validate"/>), before anything is uploaded.</summary>
    private static void SuffixProblem(System.CommandLine.Parsing.OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is not { } suffix) return;
        var request = new FineTuningJobRequest { Model = "m", TrainingFileId = "f", Suffix = suffix };
        foreach (var problem in request.Validate().Where(p => p.StartsWith("suffix", StringComparison.Ordinal)))
        {
            result.AddError("--suffix: " + problem);
        }
    }
}
