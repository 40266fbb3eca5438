using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands;

namespace FineTuning.Toolkit.Cli;

/// <summary>Builds the <c>ftk</c> command tree and runs it against the given writers (tests call this in process).</summary>
internal static class CliApp
{
    /// <summary>Builds the root command with every area's subcommands.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ftk: prepare, validate, train, watch and evaluate fine-tuned models (OpenAI and Azure OpenAI).");
        foreach (var command in DatasetCommands.Create()) root.Add(command);
        foreach (var command in TokenCommands.Create()) root.Add(command);
        foreach (var command in JobCommands.Create()) root.Add(command);
        foreach (var command in DeployCommands.Create()) root.Add(command);
        foreach (var command in EvaluationCommands.Create()) root.Add(command);
        foreach (var command in EmulatorCommands.Create()) root.Add(command);
        foreach (var command in QuickstartCommands.Create()) root.Add(command);
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
