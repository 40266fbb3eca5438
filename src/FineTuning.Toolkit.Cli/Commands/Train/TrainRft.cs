using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs.Graders;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Train;

/// <summary>
/// <c>ftk train --method rft --grader FILE [--grader-dry-run N]</c>: reads the grader (the platform's JSON) and tries
/// it on N validation samples with the library's <see cref="GraderDryRun"/>. The CLI only renders.
/// </summary>
internal static class TrainRft
{
    /// <summary>Reads and checks the grader file; every problem is a usage error naming <c>--grader</c>.</summary>
    public static Grader ReadGrader(FileInfo? file)
    {
        if (file is null)
        {
            throw new CliUsageException("--method rft needs --grader FILE: a JSON grader (string_check, text_similarity, score_model, python or multi) as the fine-tuning API defines it.");
        }

        Grader grader;
        try
        {
            grader = Grader.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"--grader {file.Name}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--grader {file.Name}: {ex.Message}");
        }

        var problems = grader.Validate();
        return problems.Count == 0 ? grader : throw new CliUsageException($"--grader {file.Name}: {string.Join(" ", problems)}");
    }

    /// <summary>Answers N prompts of <paramref name="data"/> with <paramref name="model"/>, grades them locally and prints the distribution; exit 1 when the grader cannot tell samples apart.</summary>
    public static async Task<int> DryRunAsync(ParseResult parse, IServiceProvider services, Grader grader, string data, string model, int count, bool json, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var connection = services.GetRequiredService<IFineTuningConnection>();
        await error.WriteLineAsync($"Grader dry run: {count} samples of {Path.GetFileName(data)} answered by {model}, graded locally (nothing is uploaded or trained)...").ConfigureAwait(false);
        var samples = await GraderDryRun.SampleAsync(data, count, connection.GetChatClient(model), ct).ConfigureAwait(false);
        var report = await GraderDryRun.Grade(grader, samples, connection.GetChatClient, ct).ConfigureAwait(false);
        var code = report.IsConstant || (report.Scores.Count == 0 && report.NotRunnable is null) ? ExitCodes.Failure : ExitCodes.Success;
        if (json)
        {
            await CliJson.WriteAsync(output, GraderDryRunJson.From(report, data, model), CliJsonContext.Default.GraderDryRunJson).ConfigureAwait(false);
            return code;
        }

        if (report.NotRunnable is not null)
        {
            await output.WriteLineAsync("Not runnable locally: " + report.NotRunnable).ConfigureAwait(false);
            return code;
        }

        var console = CliConsole.For(output);
        var table = new Table().Border(TableBorder.Simple).AddColumns("grader", "scored", "min", "mean", "max", "= 0", "= 1");
        table.AddRow(
            Markup.Escape(grader.Type),
            string.Create(CultureInfo.InvariantCulture, $"{report.Scores.Count}/{report.Samples}"),
            Number(report.Min),
            Number(report.Mean),
            Number(report.Max),
            Percent(report.ShareZero),
            Percent(report.ShareOne));
        console.Write(table);
        var histogram = report.Histogram;
        var width = (report.RangeMax - report.RangeMin) / GraderDryRunReport.Bins;
        for (var i = 0; i < histogram.Count; i++)
        {
            var from = report.RangeMin + (i * width);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  [{from,5:0.00}, {from + width,5:0.00}{(i == histogram.Count - 1 ? ']' : ')')} {new string('#', histogram[i]),-20} {histogram[i]}")).ConfigureAwait(false);
        }

        foreach (var problem in report.Errors.Take(5))
        {
            await error.WriteLineAsync("  error: " + problem).ConfigureAwait(false);
        }

        if (report.Warning is { } warning)
        {
            await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        return code;
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
