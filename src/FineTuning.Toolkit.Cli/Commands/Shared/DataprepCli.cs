using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>Shared plumbing of the data-preparation commands: file checks, JSON and human output of diagnostics, default output names.</summary>
internal static class DataprepCli
{
    /// <summary>What Ctrl+C leaves behind in a command that writes dataset files (they are written atomically).</summary>
    public const string AtomicOutputsNote = "Output files are written whole or not at all, so no partial file was left and existing files are unchanged; run the same command again.";

    /// <summary>The <c>--json</c> option every data-preparation command has.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object instead of the human report." };

    /// <summary>The <c>--max-list</c> option: how many findings/errors a report lists.</summary>
    public static Option<int> MaxListOption() =>
        new Option<int>("--max-list") { Description = "How many items (findings, duplicates, errors) to list; all are counted.", DefaultValueFactory = _ => 50 }.InRange(0, int.MaxValue);

    /// <summary>Throws a usage error unless <paramref name="path"/> is an existing file, and an input error (exit code 1) when it is empty.</summary>
    public static string RequireFile(string? path)
    {
        if (Check.InputFileProblem(path) is { } problem)
        {
            throw new CliUsageException(problem);
        }

        if (new FileInfo(path!).Length == 0)
        {
            throw new CliInputException($"'{path}' is empty: there are no records to read.");
        }

        return path!;
    }

    /// <summary><c>data.jsonl</c> + <c>.train</c> → <c>data.train.jsonl</c> next to the input.</summary>
    public static string SiblingPath(string input, string suffix) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".", Path.GetFileNameWithoutExtension(input) + suffix + ".jsonl");

    /// <summary>Runs a library call and turns argument problems into usage errors (exit code 2).</summary>
    public static async Task<T> UsageGuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>Prints the errors, one per line, with a count of those not shown.</summary>
    public static async Task WriteErrorsAsync(TextWriter output, IReadOnlyList<DatasetDiagnostic> errors, int max, string label = "")
    {
        if (errors.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync($"{errors.Count} unreadable or invalid {(errors.Count == 1 ? "record" : "records")}{label}:").ConfigureAwait(false);
        await WriteListAsync(output, errors, max, e => $"{(e.Path.Length > 0 ? $"line {e.Line} {e.Path}" : $"line {e.Line}")}: {e.Code} {e.Message}").ConfigureAwait(false);
    }

    /// <summary>Prints at most <paramref name="max"/> items, indented, then how many were not shown.</summary>
    public static async Task WriteListAsync<T>(TextWriter output, IReadOnlyList<T> items, int max, Func<T, string> format)
    {
        foreach (var item in items.Take(max))
        {
            await output.WriteLineAsync("  " + format(item)).ConfigureAwait(false);
        }

        if (items.Count > max)
        {
            await output.WriteLineAsync($"  ... and {items.Count - max} more (use --max-list or --json)").ConfigureAwait(false);
        }
    }

    /// <summary>The <c>--max-list</c> value (checked by <see cref="MaxListOption"/>).</summary>
    public static int MaxList(ParseResult parse, Option<int> option) => parse.GetValue(option);

    /// <summary>Formats a ratio or similarity for people.</summary>
    public static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Shows control characters of a separator visibly (<c>\n\n###\n\n</c>).</summary>
    public static string Visible(string? text) =>
        text is null ? "(none)" : "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
