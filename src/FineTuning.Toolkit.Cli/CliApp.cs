using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Chat;
using FineTuning.Toolkit.Cli.Commands.Compare;
using FineTuning.Toolkit.Cli.Commands.Convert;
using FineTuning.Toolkit.Cli.Commands.Dedupe;
using FineTuning.Toolkit.Cli.Commands.Deploy;
using FineTuning.Toolkit.Cli.Commands.Deployments;
using FineTuning.Toolkit.Cli.Commands.Emulator;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Cli.Commands.Export;
using FineTuning.Toolkit.Cli.Commands.Files;
using FineTuning.Toolkit.Cli.Commands.Jobs;
using FineTuning.Toolkit.Cli.Commands.Leakage;
using FineTuning.Toolkit.Cli.Commands.Migrate;
using FineTuning.Toolkit.Cli.Commands.Models;
using FineTuning.Toolkit.Cli.Commands.Probe;
using FineTuning.Toolkit.Cli.Commands.Quickstart;
using FineTuning.Toolkit.Cli.Commands.Scan;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Cli.Commands.Split;
using FineTuning.Toolkit.Cli.Commands.Sweep;
using FineTuning.Toolkit.Cli.Commands.Tokens;
using FineTuning.Toolkit.Cli.Commands.Train;
using FineTuning.Toolkit.Cli.Commands.Upload;
using FineTuning.Toolkit.Cli.Commands.Validate;
using FineTuning.Toolkit.Cli.Commands.Watch;

namespace FineTuning.Toolkit.Cli;

/// <summary>Builds the <c>ftk</c> command tree and runs it against the given writers (tests call this in process).</summary>
internal static class CliApp
{
    /// <summary>Every verb of <c>ftk</c>, in help order. Each verb lives in its own folder (Commands/&lt;Verb&gt;) and
    /// exposes one <c>Create()</c>; adding a verb is one line here.</summary>
    internal static readonly IReadOnlyList<Func<Command>> Verbs =
    [
        ValidateCommand.Create,
        ConvertCommand.Create,
        SplitCommand.Create,
        DedupeCommand.Create,
        LeakageCommand.Create,
        ScanCommand.Create,
        TokensCommand.Create,
        ModelsCommand.Create,
        UploadCommand.Create,
        TrainCommand.Create,
        ChatCommand.Create,
        JobsCommand.Create,
        FilesCommand.Create,
        WatchCommand.Create,
        ExportCommand.Create,
        MigrateCommand.Create,
        DeployCommand.Create,
        DeploymentsCommand.Create,
        EvalCommand.Create,
        CompareCommand.Create,
        SweepCommand.Create,
        ProbeCommand.Create,
        EmulatorCommand.Create,
        QuickstartCommand.Create,
    ];

    /// <summary>Builds the root command with every verb; every command's help ends with the shared exit codes.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ftk: prepare, validate, train, watch and evaluate fine-tuned models (OpenAI, Azure OpenAI / Foundry, Together AI and OpenAI-compatible services). " + ExitCodes.HelpText);
        foreach (var create in Verbs)
        {
            var command = create();
            AddExitCodes(command);
            root.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    /// <remarks>Whatever goes wrong, the user gets one line naming the argument, file or line, never a stack trace.</remarks>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        Check.BeginParse();
        var parse = root.Parse(args);
        var valueErrors = Check.EndParse();
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            // A wrong value names its option and says why; a wrong command line (unknown option, missing argument) points to the help.
            if (parse.Errors.Any(e => !valueErrors.Contains(e.Message)))
            {
                await error.WriteLineAsync($"Run '{string.Join(' ', Interruption.CommandPath(parse))} --help' for usage.").ConfigureAwait(false);
            }

            return ExitCodes.UsageOrIo;
        }

        // ProcessTerminationTimeout = null: Ctrl+C cancels the caller's token (Program), so the command can say what it kept.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CliInterruptedException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await error.WriteLineAsync(Interruption.Describe(parse, ex)).ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException ex)
        {
            // Not Ctrl+C: an HTTP timeout or a call the service dropped.
            await error.WriteLineAsync($"error: the operation timed out or was aborted ({ex.InnerException?.Message ?? ex.Message}). Run the command again.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (Aborted(ex) is { } aborted)
        {
            // The run's circuit breaker opened: the service is down; the message says what was kept and how to resume.
            await error.WriteLineAsync($"error: {aborted.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (CliInputException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or System.Text.DecoderFallbackException or ArgumentException)
        {
            // A reader or parser refused the input (malformed JSON, invalid UTF-8, an out-of-range value); say so without internals.
            await error.WriteLineAsync($"error: the input cannot be used: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
        catch (Exception ex)
        {
            // Never a stack trace or an exception type for the user; the command name helps a bug report.
            await error.WriteLineAsync($"error: {string.Join(' ', Interruption.CommandPath(parse))} failed unexpectedly: {ex.Message} Please report it with the command line.").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
    }

    private static FineTuning.Toolkit.Evaluation.Running.EvalRunAbortedException? Aborted(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is FineTuning.Toolkit.Evaluation.Running.EvalRunAbortedException aborted) return aborted;
            if (ex is AggregateException { InnerExceptions.Count: 1 } single) ex = single;
        }

        return null;
    }

    private static void AddExitCodes(Command command)
    {
        if (command.Action is not null)
        {
            command.Description = (command.Description ?? string.Empty).TrimEnd() + " " + ExitCodes.HelpText;
        }

        foreach (var subcommand in command.Subcommands)
        {
            AddExitCodes(subcommand);
        }
    }
}
