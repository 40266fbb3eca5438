using System.Globalization;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>
/// Scores an output with a judge model against a rubric on a numeric scale (default 1–5). The judge is asked
/// <see cref="Repetitions"/> times; the value is the mean parsed score rescaled to 0..1 as <c>(s − min)/(max − min)</c>.
/// Details report the raw mean, how many replies parsed, and the judge's disagreement (the fraction of replies that
/// differ from its most common score) — a judge that disagrees with itself is not a reliable instrument.
/// </summary>
/// <remarks>Replies are parsed robustly (JSON <c>{"score": n}</c>, "Score: n", "n/5", a bare number); a reply without a
/// score in range is counted as unparsed, and if none parse the score is <see cref="EvalScore.Failed(string)"/>.</remarks>
public sealed class RubricJudgeScorer : IEvalScorer
{
    /// <summary>The rubric used when none is given.</summary>
    public const string DefaultRubric =
        "Judge whether the response correctly and completely answers the user's request. When a reference answer is given, " +
        "the response must agree with it in substance (wording may differ). 5 = fully correct and complete; 4 = correct with " +
        "minor omissions; 3 = partly correct; 2 = mostly wrong; 1 = wrong, irrelevant or a refusal.";

    private readonly IChatClient _judge;
    private readonly ChatOptions? _options;
    private readonly double? _passThreshold;

    /// <summary>Initializes a new instance of the <see cref="RubricJudgeScorer"/> class.</summary>
    /// <param name="judge">The judge model (should not be the model under test).</param>
    /// <param name="rubric">The rubric; <see langword="null"/> for <see cref="DefaultRubric"/>.</param>
    /// <param name="minimum">The lowest score of the scale.</param>
    /// <param name="maximum">The highest score of the scale.</param>
    /// <param name="repetitions">How many times to ask the judge per output (≥ 1).</param>
    /// <param name="options">Chat options for the judge (for example a temperature), or <see langword="null"/>.</param>
    /// <param name="passThreshold">Pass when the rescaled value ≥ this; <see langword="null"/> for no verdict.</param>
    /// <param name="name">The scorer name; defaults to <c>judge</c>.</param>
    public RubricJudgeScorer(IChatClient judge, string? rubric = null, int minimum = 1, int maximum = 5, int repetitions = 1, ChatOptions? options = null, double? passThreshold = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (maximum <= minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "The maximum must exceed the minimum.");
        }

        _judge = judge;
        Rubric = string.IsNullOrWhiteSpace(rubric) ? DefaultRubric : rubric;
        Minimum = minimum;
        Maximum = maximum;
        Repetitions = repetitions;
        _options = options;
        _passThreshold = passThreshold;
        Name = name ?? "judge";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the rubric.</summary>
    public string Rubric { get; }

    /// <summary>Gets the lowest score of the scale.</summary>
    public int Minimum { get; }

    /// <summary>Gets the highest score of the scale.</summary>
    public int Maximum { get; }

    /// <summary>Gets how many times the judge is asked per output.</summary>
    public int Repetitions { get; }

    /// <inheritdoc/>
    public async ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prompt = BuildPrompt(context);
        var scores = new List<double>();
        string? lastReply = null;
        for (var r = 0; r < Repetitions; r++)
        {
            var response = await _judge.GetResponseAsync(prompt, _options, cancellationToken).ConfigureAwait(false);
            lastReply = response.Text;
            if (JudgeReplyParser.ParseScore(lastReply, Minimum, Maximum) is { } s)
            {
                scores.Add(s);
            }
        }

        if (scores.Count == 0)
        {
            var excerpt = lastReply is null ? string.Empty : lastReply.Length > 120 ? lastReply[..120] + "..." : lastReply;
            return EvalScore.Failed($"The judge's reply had no score between {Minimum} and {Maximum}: \"{excerpt}\"");
        }

        var mean = scores.Average();
        var mode = scores.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var disagreement = scores.Count(s => s != mode) / (double)scores.Count;
        var inv = CultureInfo.InvariantCulture;
        return EvalScore.FromValue((mean - Minimum) / (Maximum - Minimum), _passThreshold) with
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["raw_mean"] = mean.ToString("0.###", inv),
                ["parsed"] = string.Create(inv, $"{scores.Count}/{Repetitions}"),
                ["judge_disagreement"] = disagreement.ToString("0.###", inv),
            },
        };
    }

    private List<ChatMessage> BuildPrompt(EvalScoringContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var user = string.Create(inv, $"""
            Rubric:
            {Rubric}

            Conversation given to the assistant:
            {JudgePrompt.Transcript(context.Item)}

            """);
        if (context.Item.Reference is { } reference)
        {
            user += $"""

                Reference answer:
                {reference}

                """;
        }

        user += string.Create(inv, $"""

            Response to judge:
            {context.Output}

            Give one or two sentences of reasoning, then end with a line of the form "SCORE: n" where n is an integer from {Minimum} to {Maximum}.
            """);
        return [JudgePrompt.System("You are a careful, impartial evaluator. Follow the rubric exactly and do not reward length."), JudgePrompt.User(user)];
    }
}
