using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>
/// <c>ftk quickstart</c>: prepare → validate → estimate → upload → train → watch → evaluate → report, on the bundled
/// support-ticket dataset. Without credentials (or with <c>--emulator</c>) it runs against the embedded emulator and
/// says so; with credentials it refuses to spend money unless both <c>--yes</c> and <c>--budget</c> are given.
/// </summary>
internal static class QuickstartCommand
{
    private static readonly Option<DirectoryInfo?> OutOption = new Option<DirectoryInfo?>("--out")
    {
        Description = "Folder for the datasets, the evaluation run and report.html.",
        DefaultValueFactory = _ => new DirectoryInfo("quickstart-output"),
    }.FolderPath();

    private static readonly Option<string?> ModelOption = new Option<string?>("--model")
    {
        Description = "Base model to fine-tune (a fine-tunable model of 'ftk models --provider openai').",
        DefaultValueFactory = _ => QuickstartFlow.DefaultModel,
    }.KnownBaseModel("openai");

    private static readonly Option<bool> EmulatorOption = new("--emulator")
    {
        Description = "Use the embedded emulator even when credentials are set (it simulates the service; nothing is trained).",
    };

    private static readonly Option<bool> YesOption = new("--yes")
    {
        Description = "Approve spending on the real service (needs --budget too).",
    };

    private static readonly Option<decimal?> BudgetOption = new Option<decimal?>("--budget")
    {
        Description = "Most you allow the training to cost, in USD (real service only).",
    }.Above(0m);

    private static readonly Option<int> SamplesOption = new Option<int>("--samples")
    {
        Description = "Answers per evaluation item and model, 1-20 (consistency needs more than one).",
        DefaultValueFactory = _ => 3,
    }.InRange(1, 20);

    private static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print one JSON document at the end (folders, job, verdict); the steps and progress go to standard error.",
    };

    private static readonly Option<bool> KeepDeploymentOption = new("--keep-deployment")
    {
        Description = "On Azure: keep the deployment of the fine-tuned model after the evaluation (otherwise it is deleted; a terminal is asked first).",
    };

    private static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "With --emulator: 'azure' runs the emulator's Azure flavour (training type, deployment, evaluation of the deployment, clean-up); default openai.",
    };

    public static Command Create()
    {
        var command = new Command("quickstart", "Run the whole flow on a bundled dataset: prepare, validate, estimate, upload, train, watch, evaluate base vs fine-tuned, report.")
        {
            OutOption, ModelOption, EmulatorOption, YesOption, BudgetOption, SamplesOption, KeepDeploymentOption, ProviderOption, JsonOption,
        };
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>
    /// True to run on the emulator: asked for, or no credentials. With credentials, spending needs both --yes and
    /// --budget; otherwise this throws a usage error (nothing is spent).
    /// </summary>
    internal static bool ChooseEmulator(bool emulatorRequested, bool yes, decimal? budget, Func<string, string?> environment)
    {
        if (emulatorRequested || !QuickstartFlow.HasCredentials(environment)) return true;
        if (yes && budget is not null) return false;
        throw new CliUsageException(
            "credentials for the real service are set, and the quickstart would spend money on it. Pass --yes and --budget USD to approve, or --emulator to simulate.");
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var samples = parse.GetValue(SamplesOption);
        var budget = parse.GetValue(BudgetOption);

        var provider = parse.GetValue(ProviderOption)?.Trim().ToLowerInvariant();
        if (provider is not (null or "openai" or "azure"))
        {
            throw new CliUsageException($"--provider '{provider}': use openai or azure.");
        }

        var useEmulator = ChooseEmulator(parse.GetValue(EmulatorOption), parse.GetValue(YesOption), budget, Environment.GetEnvironmentVariable);

        var settings = new QuickstartSettings
        {
            OutputDirectory = parse.GetValue(OutOption)!.FullName,
            Model = parse.GetValue(ModelOption)!,
            UseEmulator = useEmulator,
            BudgetUsd = budget,
            Samples = samples,
            KeepDeployment = parse.GetValue(KeepDeploymentOption),
            AzureEmulator = useEmulator && provider == "azure",
        };
        var asJson = parse.GetValue(JsonOption);
        var writer = asJson ? parse.InvocationConfiguration.Error : parse.InvocationConfiguration.Output;
        var console = CliConsole.For(writer);
        var flow = new QuickstartFlow(settings, console, writer);
        string? failure = null;
        int code;
        try
        {
            code = await flow.RunAsync(cancellationToken).ConfigureAwait(false) ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (FineTuningApiException ex)
        {
            failure = ex.Message;
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            code = ExitCodes.Failure;
        }
        catch (QuickstartStepException ex)
        {
            failure = ex.Message;
            console.MarkupLine(CultureInfo.InvariantCulture, "[red]{0}[/]", Markup.Escape(ex.Message));
            code = ExitCodes.Failure;
        }

        if (asJson)
        {
            var result = new QuickstartJson(
                code == ExitCodes.Success,
                useEmulator,
                settings.OutputDirectory,
                settings.Model,
                flow.Job is { } job ? JobJsonSummary.From(job) : null,
                flow.ReportPath,
                flow.Run?.Items,
                flow.Run?.Failed,
                flow.Comparison?.Verdict,
                flow.Comparison?.VerdictReason,
                failure);
            await CliJson.WriteAsync(parse.InvocationConfiguration.Output, result, CliJsonContext.Default.QuickstartJson).ConfigureAwait(false);
        }

        return code;
    }
}
