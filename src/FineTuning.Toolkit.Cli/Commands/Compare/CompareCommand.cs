using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Cli.Commands.Compare;

/// <summary><c>ftk compare RUN_A RUN_B</c>: paired statistics and a verdict from two saved runs (A is the baseline).</summary>
internal static class CompareCommand
{
    private static readonly Argument<DirectoryInfo> RunAArgument = new Argument<DirectoryInfo>("run-a") { Description = "The baseline run directory (from ftk eval --out)." }.ExistingFolder();
    private static readonly Argument<DirectoryInfo> RunBArgument = new Argument<DirectoryInfo>("run-b") { Description = "The candidate run directory. May be the same directory as run-a with two targets." }.ExistingFolder();
    private static readonly Option<string?> TargetAOption = new("--target-a") { Description = "The baseline target in run-a (needed when it has several)." };
    private static readonly Option<string?> TargetBOption = new("--target-b") { Description = "The candidate target in run-b (needed when it has several)." };
    private static readonly Option<string[]> ScorerOption = new("--scorer", "-s") { Description = "Compare on these scorers only (default: every scorer both runs have)." };
    private static readonly Option<double> MinEffectOption = new Option<double>("--min-effect") { Description = "The smallest difference worth detecting, for the sample-size hint (between 0 and 1).", DefaultValueFactory = _ => 0.05 }.Between(0, 1);
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the comparison as JSON." };
    private static readonly Option<bool> FailOnWorseOption = ComparisonOutput.FailOnWorseOption();
    private static readonly Option<double?> MarginOption = ComparisonOutput.MarginOption();

    public static Command Create()
    {
        var command = new Command("compare", "Compare two saved evaluation runs: paired bootstrap CI of the difference, McNemar, wins/ties/losses, a verdict (Holm-corrected over scorers) and, with --margin, non-inferiority.");
        command.Add(RunAArgument);
        command.Add(RunBArgument);
        foreach (var option in new Option[] { TargetAOption, TargetBOption, ScorerOption, MinEffectOption, MarginOption, JsonOption, FailOnWorseOption }) command.Add(option);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var runA = parse.GetValue(RunAArgument)!;
        var runB = parse.GetValue(RunBArgument)!;
        var a = await LoadAsync(runA, cancellationToken).ConfigureAwait(false);
        var b = await LoadAsync(runB, cancellationToken).ConfigureAwait(false);
        var orderA = (await EvalCliRun.ReadManifestAsync(runA.FullName, cancellationToken).ConfigureAwait(false))?.Targets.Select(t => t.Name).ToList();
        var orderB = (await EvalCliRun.ReadManifestAsync(runB.FullName, cancellationToken).ConfigureAwait(false))?.Targets.Select(t => t.Name).ToList();
        var targetA = PickTarget(a, orderA, parse.GetValue(TargetAOption), runA.Name, "--target-a", preferFirst: true);
        var targetB = PickTarget(b, orderB, parse.GetValue(TargetBOption), runB.Name, "--target-b", preferFirst: false);
        var baseline = targetA;
        var candidate = targetB == targetA ? targetB + " (B)" : targetB;
        if (targetB == targetA) baseline = targetA + " (A)";

        var combined = a.Where(r => r.Target == targetA).Select(r => r.WithTarget(baseline))
            .Concat(b.Where(r => r.Target == targetB).Select(r => r.WithTarget(candidate)))
            .ToList();
        var scorersA = a.Where(r => r.Target == targetA).SelectMany(r => r.Scores.Keys).ToHashSet(StringComparer.Ordinal);
        var scorersB = b.Where(r => r.Target == targetB).SelectMany(r => r.Scores.Keys).ToHashSet(StringComparer.Ordinal);
        var scorers = parse.GetValue(ScorerOption) is { Length: > 0 } chosen ? chosen.ToList() : [.. scorersA.Intersect(scorersB).Order(StringComparer.Ordinal)];
        if (scorers.Count == 0) throw new CliUsageException("The two runs have no scorer in common; pass --scorer or re-run ftk eval with the same --scorer.");
        foreach (var s in scorers)
        {
            if (!scorersA.Contains(s) || !scorersB.Contains(s)) throw new CliUsageException($"Scorer '{s}' is not in both runs.");
        }

        var options = ComparisonOutput.Options(parse.GetValue(MarginOption), parse.GetValue(MinEffectOption));
        var comparisons = PairedComparison.CompareAll(combined, baseline, [candidate], scorers, options);

        if (parse.GetValue(JsonOption))
        {
            await CliJson.WriteAsync(parse.InvocationConfiguration.Output, ComparisonJson.List(comparisons), CliJsonContext.Default.IReadOnlyListComparisonJson).ConfigureAwait(false);
        }
        else
        {
            ComparisonOutput.Print(CliConsole.For(parse), comparisons);
        }
        return parse.GetValue(FailOnWorseOption) && ComparisonOutput.GateFails(comparisons) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<EvalSampleResult>> LoadAsync(DirectoryInfo run, CancellationToken cancellationToken)
    {
        var path = Path.Combine(run.FullName, EvalResultsFile.FileName);
        if (!File.Exists(path)) throw new CliUsageException($"'{run.FullName}' is not a run directory (no {EvalResultsFile.FileName}).");
        try
        {
            return await EvalResultsFile.ReadLatestAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>The target to compare: the one asked for, the only one, or (in a two-target run) the first as baseline and the second as candidate, in the run's --target order.</summary>
    private static string PickTarget(IReadOnlyList<EvalSampleResult> results, IReadOnlyList<string>? manifestOrder, string? requested, string runName, string optionName, bool preferFirst)
    {
        var present = results.Select(r => r.Target).Distinct(StringComparer.Ordinal).ToList();
        var targets = manifestOrder is null ? present : [.. manifestOrder.Where(present.Contains), .. present.Where(t => !manifestOrder.Contains(t))];
        if (requested is not null)
        {
            return targets.Contains(requested) ? requested : throw new CliUsageException($"Run '{runName}' has no target '{requested}' (it has: {string.Join(", ", targets)}).");
        }
        if (targets.Count == 1) return targets[0];
        if (targets.Count == 2) return preferFirst ? targets[0] : targets[1];
        throw new CliUsageException($"Run '{runName}' has {targets.Count.ToString(CultureInfo.InvariantCulture)} targets ({string.Join(", ", targets)}); choose one with {optionName}.");
    }
}
