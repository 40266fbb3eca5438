using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Statistics;
using Spectre.Console;

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
    private static readonly Option<bool> FailOnWorseOption = new("--fail-on-worse") { Description = "Exit with code 1 when the candidate is significantly worse on any scorer (for CI gates)." };

    public static Command Create()
    {
        var command = new Command("compare", "Compare two saved evaluation runs: paired bootstrap CI of the difference, McNemar, wins/ties/losses and a verdict.");
        command.Add(RunAArgument);
        command.Add(RunBArgument);
        foreach (var option in new Option[] { TargetAOption, TargetBOption, ScorerOption, MinEffectOption, JsonOption, FailOnWorseOption }) command.Add(option);
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

        var combined = a.Where(r => r.Target == targetA).Select(r => Rename(r, baseline))
            .Concat(b.Where(r => r.Target == targetB).Select(r => Rename(r, candidate)))
            .ToList();
        var scorersA = a.Where(r => r.Target == targetA).SelectMany(r => r.Scores.Keys).ToHashSet(StringComparer.Ordinal);
        var scorersB = b.Where(r => r.Target == targetB).SelectMany(r => r.Scores.Keys).ToHashSet(StringComparer.Ordinal);
        var scorers = parse.GetValue(ScorerOption) is { Length: > 0 } chosen ? chosen.ToList() : [.. scorersA.Intersect(scorersB).Order(StringComparer.Ordinal)];
        if (scorers.Count == 0) throw new CliUsageException("The two runs have no scorer in common; pass --scorer or re-run ftk eval with the same --scorer.");
        foreach (var s in scorers)
        {
            if (!scorersA.Contains(s) || !scorersB.Contains(s)) throw new CliUsageException($"Scorer '{s}' is not in both runs.");
        }

        var options = new PairedComparisonOptions { MinimumEffect = parse.GetValue(MinEffectOption) };
        var comparisons = scorers.Select(s => PairedComparison.Compare(combined, s, baseline, candidate, options)).ToList();

        if (parse.GetValue(JsonOption))
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(ToJson(comparisons)).ConfigureAwait(false);
        }
        else
        {
            Print(CliConsole.For(parse), comparisons);
        }
        return parse.GetValue(FailOnWorseOption) && comparisons.Any(c => c.Verdict == ComparisonVerdict.Worse) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static EvalSampleResult Rename(EvalSampleResult r, string target) => new(r.ItemId, target, r.SampleIndex)
    {
        Output = r.Output,
        Scores = r.Scores,
        ModelId = r.ModelId,
        FinishReason = r.FinishReason,
        InputTokens = r.InputTokens,
        OutputTokens = r.OutputTokens,
        Latency = r.Latency,
        Cached = r.Cached,
        Logprobs = r.Logprobs,
        Error = r.Error,
    };

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

    private static void Print(IAnsiConsole console, IReadOnlyList<PairedComparisonResult> comparisons)
    {
        var first = comparisons[0];
        console.WriteLine($"baseline: {first.Baseline}   candidate: {first.Candidate}");
        var table = new Table().AddColumns("scorer", "items", "baseline", "candidate", "diff", "95% CI", "W/T/L", "McNemar p", "verdict");
        foreach (var c in comparisons)
        {
            table.AddRow(
                Markup.Escape(c.Scorer),
                c.PairedItems.ToString(CultureInfo.InvariantCulture),
                c.BaselineMean.ToString("0.000", CultureInfo.InvariantCulture),
                c.CandidateMean.ToString("0.000", CultureInfo.InvariantCulture),
                c.MeanDifference.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture),
                c.DifferenceInterval is { } ci ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"[{ci.Lower:+0.000;-0.000;0.000}, {ci.Upper:+0.000;-0.000;0.000}]")) : "-",
                string.Create(CultureInfo.InvariantCulture, $"{c.Wins}/{c.Ties}/{c.Losses}"),
                c.McNemar is { } m ? m.PValue.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                c.Verdict.ToString());
        }
        if (console.Profile.Width < 160) console.Profile.Width = 160; // redirected output: keep rows on one line for logs and greps
        console.Write(table);
        foreach (var c in comparisons)
        {
            console.WriteLine($"{c.Scorer}: {c.VerdictReason}");
        }
    }

    private static string ToJson(IReadOnlyList<PairedComparisonResult> comparisons)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var c in comparisons)
            {
                json.WriteStartObject();
                json.WriteString("scorer", c.Scorer);
                json.WriteString("baseline", c.Baseline);
                json.WriteString("candidate", c.Candidate);
                json.WriteNumber("paired_items", c.PairedItems);
                json.WriteNumber("unpaired_items", c.UnpairedItems);
                json.WriteNumber("baseline_mean", c.BaselineMean);
                json.WriteNumber("candidate_mean", c.CandidateMean);
                json.WriteNumber("mean_difference", c.MeanDifference);
                if (c.DifferenceInterval is { } ci)
                {
                    json.WriteNumber("ci_low", ci.Lower);
                    json.WriteNumber("ci_high", ci.Upper);
                    json.WriteNumber("ci_level", ci.Level);
                }
                json.WriteNumber("wins", c.Wins);
                json.WriteNumber("ties", c.Ties);
                json.WriteNumber("losses", c.Losses);
                if (c.McNemar is { } m) json.WriteNumber("mcnemar_p", m.PValue);
                json.WriteString("verdict", c.Verdict switch { ComparisonVerdict.Better => "better", ComparisonVerdict.Worse => "worse", _ => "no_significant_difference" });
                json.WriteString("reason", c.VerdictReason);
                if (c.ItemsNeededForMinimumEffect is { } n) json.WriteNumber("items_needed_for_min_effect", n);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
