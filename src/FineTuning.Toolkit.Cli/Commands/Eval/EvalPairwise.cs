using System.Globalization;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Judging;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Eval;

/// <summary><c>ftk eval --pairwise</c>: the pairwise judge on each candidate against the baseline, both orders (position swap), k repetitions (flip rate).</summary>
internal static class EvalPairwise
{
    /// <summary>Judges the first successful sample of every item the baseline and the candidate both answered.</summary>
    public static async Task<IReadOnlyList<PairwiseSummary>> RunAsync(
        IChatClient judge,
        IReadOnlyDictionary<string, EvalItem> items,
        IReadOnlyList<EvalSampleResult> results,
        string baseline,
        IReadOnlyList<string> candidates,
        int repetitions,
        int concurrency,
        CancellationToken cancellationToken)
    {
        var pairwise = new PairwiseJudge(judge, repetitions: repetitions, options: new ChatOptions { Temperature = 0f, MaxOutputTokens = 300 });
        var summaries = new List<PairwiseSummary>();
        var first = results.Where(r => r.Succeeded && r.Output is not null)
            .GroupBy(r => (r.Target, r.ItemId))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.SampleIndex).First().Output!);
        foreach (var candidate in candidates)
        {
            var triples = items.Values
                .Where(i => first.ContainsKey((baseline, i.Id)) && first.ContainsKey((candidate, i.Id)))
                .Select(i => (i, first[(baseline, i.Id)], first[(candidate, i.Id)]))
                .ToList();
            var judgments = await pairwise.CompareAllAsync(triples, concurrency, cancellationToken).ConfigureAwait(false);
            summaries.Add(PairwiseJudge.Summarize(judgments, baseline, candidate) with { Repetitions = repetitions });
        }

        return summaries;
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<PairwiseSummary> summaries, string judgeModel)
    {
        if (summaries.Count == 0) return;
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("baseline vs candidate", "baseline wins", "candidate wins", "ties", "flip rate", "unparsed", "sign test p");
        foreach (var s in summaries)
        {
            table.AddRow(
                Markup.Escape($"{s.TargetA} vs {s.TargetB}"),
                s.WinsA.ToString(inv),
                s.WinsB.ToString(inv),
                s.Ties.ToString(inv),
                s.FlipRate.ToString("P1", inv),
                s.Unparsed.ToString(inv),
                s.SignTestPValue.ToString("0.0000", inv));
        }

        console.Write(table);
        console.WriteLine(string.Create(inv, $"Pairwise judge {judgeModel}: each item judged in both orders (position swap) x {summaries[0].Repetitions} repetition(s); flip rate = share of swapped pairs whose verdict changed with the order."));
    }
}
