using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Cli.Commands.Leakage;

/// <summary><c>ftk leakage TRAIN OTHER</c>: prompts of a validation/eval file that also appear in the training file.</summary>
internal static class LeakageCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("training-file") { Description = "The reference (training) JSONL file." };
        var other = new Argument<string>("other-file") { Description = "The validation or evaluation JSONL file to check." };
        var near = new NearOption("Near-overlap threshold (Jaccard, default 0.85).");
        var exactOnly = new Option<bool>("--exact-only") { Description = "Report only exact overlap (after normalisation)." };
        var scope = new Option<string>("--scope") { Description = "Compare the user prompt (default) or the whole example.", DefaultValueFactory = _ => "prompt" };
        scope.AcceptOnlyFromAmong("example", "prompt");
        var json = DataprepCli.JsonOption();
        var maxList = DataprepCli.MaxListOption();
        var command = new Command("leakage", "Check a validation or evaluation file for prompts that also appear in the training file, exactly or nearly, with line pairs. Exit code 1 when something leaks or a line is unreadable.")
        {
            reference, other, exactOnly, scope, json, maxList,
        };
        foreach (var option in near.All)
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var referencePath = DataprepCli.RequireFile(parse.GetValue(reference));
            var otherPath = DataprepCli.RequireFile(parse.GetValue(other));
            var max = DataprepCli.MaxList(parse, maxList);
            var options = new LeakageOptions
            {
                NearDuplicates = parse.GetValue(exactOnly) ? null : near.Read(parse, new NearDuplicateOptions()),
                Scope = parse.GetValue(scope) == "example" ? DeduplicationScope.WholeExample : DeduplicationScope.Prompt,
            };
            var report = await DataprepCli.UsageGuardAsync(() => LeakageDetector.DetectAsync(referencePath, otherPath, options, cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(
                    parse.InvocationConfiguration.Output,
                    new LeakageJson(
                        referencePath,
                        otherPath,
                        report.ReferenceExamples,
                        report.Examples,
                        report.Pairs.Count,
                        Math.Round(report.LeakedFraction, 4),
                        [.. report.Pairs.Take(max).Select(p => new LeakageJson.Pair(p.ReferenceLine, p.Line, p.Kind, Math.Round(p.Similarity, 4)))],
                        report.ReferenceErrors.Count,
                        DiagnosticJson.List(report.ReferenceErrors, max),
                        report.Errors.Count,
                        DiagnosticJson.List(report.Errors, max)),
                    CliJsonContext.Default.LeakageJson).ConfigureAwait(false);
            }
            else
            {
                var writer = parse.InvocationConfiguration.Output;
                await writer.WriteLineAsync(report.Pairs.Count == 0
                    ? $"No leakage: none of the {report.Examples} examples of {otherPath} repeats a prompt of {referencePath}."
                    : $"{report.Pairs.Count} of {report.Examples} examples ({DataprepCli.Percent(report.LeakedFraction)}) repeat a training prompt:").ConfigureAwait(false);
                await DataprepCli.WriteListAsync(writer, report.Pairs, max, p =>
                    $"line {p.Line} ~ training line {p.ReferenceLine} ({(p.Kind == DuplicateKind.Exact ? "exact" : $"near, {DataprepCli.Percent(p.Similarity)}")})").ConfigureAwait(false);

                await DataprepCli.WriteErrorsAsync(writer, report.ReferenceErrors, max, $" in {referencePath}").ConfigureAwait(false);
                await DataprepCli.WriteErrorsAsync(writer, report.Errors, max, $" in {otherPath}").ConfigureAwait(false);
            }

            return report.Pairs.Count > 0 || report.Errors.Count > 0 || report.ReferenceErrors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}
