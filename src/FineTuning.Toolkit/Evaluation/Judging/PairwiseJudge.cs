using FineTuning.Toolkit.Evaluation.Statistics;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>
/// Asks a judge model which of two responses is better, in both orders to cancel position bias, k times each,
/// and reports how often it flips with the order.
/// </summary>
public sealed class PairwiseJudge
{
    /// <summary>The criteria used when none is given.</summary>
    public const string DefaultCriteria =
        "Prefer the response that answers the user's request more correctly and completely; when a reference answer is given, prefer the one that agrees with it. Ignore length and style unless they affect correctness.";

    private readonly IChatClient _judge;
    private readonly ChatOptions? _options;

    /// <summary>Initializes a new instance of the <see cref="PairwiseJudge"/> class.</summary>
    /// <param name="judge">The judge model.</param>
    /// <param name="criteria">What "better" means; <see langword="null"/> for <see cref="DefaultCriteria"/>.</param>
    /// <param name="repetitions">How many times each order is judged (≥ 1).</param>
    /// <param name="options">Chat options for the judge, or <see langword="null"/>.</param>
    public PairwiseJudge(IChatClient judge, string? criteria = null, int repetitions = 1, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        _judge = judge;
        Criteria = string.IsNullOrWhiteSpace(criteria) ? DefaultCriteria : criteria;
        Repetitions = repetitions;
        _options = options;
    }

    /// <summary>Gets the criteria.</summary>
    public string Criteria { get; }

    /// <summary>Gets how many times each order is judged.</summary>
    public int Repetitions { get; }

    /// <summary>Judges one item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="outputA">Target A's response.</param>
    /// <param name="outputB">Target B's response.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The judgment.</returns>
    public async Task<PairwiseJudgment> CompareAsync(EvalItem item, string outputA, string outputB, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(outputA);
        ArgumentNullException.ThrowIfNull(outputB);
        int votesA = 0, votesB = 0, ties = 0, unparsed = 0, pairs = 0, flips = 0;
        for (var r = 0; r < Repetitions; r++)
        {
            // Order 1: A is "Response 1". Order 2: B is "Response 1"; map back so 1 = A, 2 = B.
            var first = await AskAsync(item, outputA, outputB, cancellationToken).ConfigureAwait(false);
            var second = await AskAsync(item, outputB, outputA, cancellationToken).ConfigureAwait(false) is { } s ? (s == 0 ? 0 : 3 - s) : (int?)null;
            foreach (var v in (int?[])[first, second])
            {
                switch (v)
                {
                    case 1: votesA++; break;
                    case 2: votesB++; break;
                    case 0: ties++; break;
                    default: unparsed++; break;
                }
            }

            if (first is not null && second is not null)
            {
                pairs++;
                if (first != second)
                {
                    flips++;
                }
            }
        }

        var outcome = votesA > votesB ? PairwiseOutcome.AWins : votesB > votesA ? PairwiseOutcome.BWins : PairwiseOutcome.Tie;
        return new PairwiseJudgment(item.Id, outcome, votesA, votesB, ties, unparsed, pairs, flips);
    }

    /// <summary>Judges many items with bounded concurrency; results come back in input order.</summary>
    /// <param name="comparisons">(item, A's response, B's response) triples.</param>
    /// <param name="maxConcurrency">The most items judged at once.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The judgments.</returns>
    public async Task<IReadOnlyList<PairwiseJudgment>> CompareAllAsync(IEnumerable<(EvalItem Item, string OutputA, string OutputB)> comparisons, int maxConcurrency = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var list = comparisons.ToList();
        var results = new PairwiseJudgment[list.Count];
        await Parallel.ForAsync(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            results[i] = await CompareAsync(list[i].Item, list[i].OutputA, list[i].OutputB, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Summarises judgments: wins, ties, flip rate and a sign test.</summary>
    /// <param name="judgments">The judgments.</param>
    /// <param name="targetA">A's name.</param>
    /// <param name="targetB">B's name.</param>
    /// <returns>The summary.</returns>
    public static PairwiseSummary Summarize(IEnumerable<PairwiseJudgment> judgments, string targetA, string targetB)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var list = judgments.ToList();
        var winsA = list.Count(j => j.Outcome == PairwiseOutcome.AWins);
        var winsB = list.Count(j => j.Outcome == PairwiseOutcome.BWins);
        var pairs = list.Sum(j => j.SwapPairs);
        return new PairwiseSummary(
            targetA,
            targetB,
            winsA,
            winsB,
            list.Count - winsA - winsB,
            pairs == 0 ? 0 : list.Sum(j => j.Flips) / (double)pairs,
            McNemarTest.ExactPValue(winsA, winsB))
        {
            Unparsed = list.Sum(j => j.Unparsed),
            SwapPairs = pairs,
        };
    }

    private async Task<int?> AskAsync(EvalItem item, string first, string second, CancellationToken cancellationToken)
    {
        var reference = item.Reference is { } r ? $"\n\nReference answer:\n{r}" : string.Empty;
        var user = $"""
            Criteria:
            {Criteria}

            Conversation given to the assistant:
            {JudgePrompt.Transcript(item)}{reference}

            Response 1:
            {first}

            Response 2:
            {second}

            Give one or two sentences of reasoning, then end with a line of the form "WINNER: 1", "WINNER: 2" or "WINNER: TIE".
            """;
        var response = await _judge.GetResponseAsync(
            [JudgePrompt.System("You are a careful, impartial evaluator. The order of the responses is random; do not let it influence you."), JudgePrompt.User(user)],
            _options,
            cancellationToken).ConfigureAwait(false);
        return JudgeReplyParser.ParseVerdict(response.Text);
    }
}
