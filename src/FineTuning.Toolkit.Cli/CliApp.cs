using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Compare;
using FineTuning.Toolkit.Cli.Commands.Convert;
using FineTuning.Toolkit.Cli.Commands.Dedupe;
using FineTuning.Toolkit.Cli.Commands.Emulator;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Cli.Commands.Export;
using FineTuning.Toolkit.Cli.Commands.Jobs;
using FineTuning.Toolkit.Cli.Commands.Leakage;
using FineTuning.Toolkit.Cli.Commands.Models;
using FineTuning.Toolkit.Cli.Commands.Probe;
using FineTuning.Toolkit.Cli.Commands.Quickstart;
using FineTuning.Toolkit.Cli.Commands.Scan;
using FineTuning.Toolkit.Cli.Commands.Split;
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
        JobsCommand.Create,
        WatchCommand.Create,
        ExportCommand.Create,
        EvalCommand.Create,
        CompareCommand.Create,
        ProbeCommand.Create,
        EmulatorCommand.Create,
        QuickstartCommand.Create,
    ];

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ftk: prepare, validate, train, watch and evaluate fine-tuned models (OpenAI and Azure OpenAI).");
        foreach (var create in Verbs)
        {
            root.Add(create());
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    /// <remarks>Exit codes: 0 success, 1 the input has errors (e.g. validation failed), 2 usage or I/O error.</remarks>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }
            await error.WriteLineAsync("Run 'ftk --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
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
        catch (Exception ex)
        {
            // Never a stack trace for the user; the type helps a bug report.
            await error.WriteLineAsync($"error: {ex.Message} ({ex.GetType().Name})").ConfigureAwait(false);
            return ExitCodes.UsageOrIo;
        }
    }
}
