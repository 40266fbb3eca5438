using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Cli.Commands.Dedupe;

/// <summary><c>ftk dedupe FILE [--near 0.85] [--out F]</c>: exact and near duplicates, keeping the first.</summary>
internal static class DedupeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The JSONL dataset." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the de-duplicated dataset here (kept lines copied byte for byte). Without it, only report." }.OutputFile();
        var near = new NearOption("Also drop near duplicates at or above this Jaccard similarity (MinHash + LSH); --near alone means 0.85.");
        var scope = new Option<string>("--scope") { Description = "Compare the whole example or only the user prompt.", DefaultValueFactory = _ => "example" };
        scope.AcceptOnlyFromAmong("example", "prompt");
        var keepCase = new Option<bool>("--case-sensitive") { Description = "Treat letter case as significant." };
        var dropConflicts = new Option<bool>("--drop-conflicts") { Description = "Also drop a line whose prompt repeats an earlier prompt with a different answer (by default such conflicts are reported and both lines kept)." };
        var json = DataprepCli.JsonOption();
        var maxList = DataprepCli.MaxListOption();
        var command = new Command("dedupe", "Find and remove duplicate examples: exact after normalisation (NFKC, case, white space), and near duplicates with --near. Keeps the first occurrence. Exit code 1 when some lines are unreadable.")
        {
            file, output, scope, keepCase, dropConflicts, json, maxList,
        };
        foreach (var option in near.All)
        {
            command.Add(option);
        }

        command.OutputsDifferFromInputs([file], output);
        command.OnInterrupt(DataprepCli.AtomicOutputsNote);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = DataprepCli.RequireFile(parse.GetValue(file));
            var max = DataprepCli.MaxList(parse, maxList);
            var options = new DeduplicationOptions
            {
                NearDuplicates = near.Read(parse, null),
                Scope = parse.GetValue(scope) == "prompt" ? DeduplicationScope.Prompt : DeduplicationScope.WholeExample,
                Normalization = new TextNormalizationOptions { IgnoreCase = !parse.GetValue(keepCase) },
                DropConflicts = parse.GetValue(dropConflicts),
            };
            var outPath = parse.GetValue(output);
            var report = await DataprepCli.UsageGuardAsync(() => DatasetDeduplicator.DeduplicateAsync(input, outPath, options, cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(
                    parse.InvocationConfiguration.Output,
                    new DedupeJson(
                        input,
                        outPath is null ? null : Path.GetFullPath(outPath),
                        report.Examples,
                        report.Kept,
                        report.ExactDuplicates,
                        report.NearDuplicates,
                        options.NearDuplicates?.Threshold,
                        [.. report.Duplicates.Take(max).Select(d => new DedupeJson.Duplicate(d.Line, d.DuplicateOfLine, d.Kind, Math.Round(d.Similarity, 4)))],
                        report.Conflicts.Count,
                        [.. report.Conflicts.Take(max).Select(c => new DedupeJson.Conflict(c.Line, c.ConflictsWithLine, c.Dropped))],
                        report.Errors.Count,
                        DiagnosticJson.List(report.Errors, max)),
                    CliJsonContext.Default.DedupeJson).ConfigureAwait(false);
            }
            else
            {
                var writer = parse.InvocationConfiguration.Output;
                await writer.WriteLineAsync($"{report.Examples} examples: kept {report.Kept}, dropped {report.ExactDuplicates} exact and {report.NearDuplicates} near duplicates.").ConfigureAwait(false);
                await DataprepCli.WriteListAsync(writer, report.Duplicates, max, d =>
                    $"line {d.Line}: {(d.Kind == DuplicateKind.Exact ? "exact duplicate" : $"near duplicate ({DataprepCli.Percent(d.Similarity)})")} of line {d.DuplicateOfLine}").ConfigureAwait(false);

                if (report.Conflicts.Count > 0)
                {
                    await writer.WriteLineAsync(options.DropConflicts
                        ? $"{report.Conflicts.Count} conflicting {(report.Conflicts.Count == 1 ? "line" : "lines")} (same prompt, different answer) dropped:"
                        : $"{report.Conflicts.Count} conflicting {(report.Conflicts.Count == 1 ? "line" : "lines")} (same prompt, different answer: label noise), kept; --drop-conflicts drops them:").ConfigureAwait(false);
                    await DataprepCli.WriteListAsync(writer, report.Conflicts, max, c => $"line {c.Line}: same prompt as line {c.ConflictsWithLine}, different answer").ConfigureAwait(false);
                }

                if (outPath is not null)
                {
                    await writer.WriteLineAsync($"Wrote {report.Kept} examples to {Path.GetFullPath(outPath)}.").ConfigureAwait(false);
                }

                await DataprepCli.WriteErrorsAsync(writer, report.Errors, max, " (not compared, not written)").ConfigureAwait(false);
            }

            return report.Errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}
