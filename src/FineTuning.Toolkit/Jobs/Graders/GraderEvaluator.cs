using System.Globalization;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Text;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// Runs a grader on one sample here, before paying for RFT: <c>string_check</c> and <c>text_similarity</c> are
/// computed locally, <c>score_model</c> and <c>label_model</c> ask their model through <paramref name="modelFor"/>,
/// <c>multi</c> combines its graders with its formula, and a <c>python</c> grader (and the <c>cosine</c> and
/// <c>meteor</c> metrics, which need embeddings or WordNet) is reported as not runnable locally.
/// </summary>
/// <remarks>
/// Local metrics follow the usual definitions on normalised tokens (the toolkit's tokenizer); the platform's own
/// implementation may differ in detail, so treat the scores as a check of the grader's spread, not as its exact rewards.
/// <c>fuzzy_match</c> is the normalised Levenshtein similarity of the two texts.
/// </remarks>
/// <param name="modelFor">The chat client for a grader's model (the configured connection), or <see langword="null"/> when model graders cannot run.</param>
internal sealed class GraderEvaluator(Func<string, IChatClient>? modelFor)
{
    /// <summary>Grades one sample.</summary>
    public async Task<GraderScore> GradeAsync(Grader grader, GraderSample sample, CancellationToken cancellationToken)
    {
        try
        {
            return grader switch
            {
                StringCheckGrader check => new GraderScore(StringCheck(check, sample)),
                TextSimilarityGrader similarity => TextSimilarity(similarity, sample),
                ScoreModelGrader score => await ScoreModelAsync(score, sample, cancellationToken).ConfigureAwait(false),
                LabelModelGrader label => await LabelModelAsync(label, sample, cancellationToken).ConfigureAwait(false),
                MultiGrader multi => await MultiAsync(multi, sample, cancellationToken).ConfigureAwait(false),
                PythonGrader => new GraderScore(null, "python graders run only on the platform (their sandbox); they cannot be run locally."),
                _ => new GraderScore(null, $"{grader.Type} graders cannot be run locally."),
            };
        }
        catch (FormatException ex)
        {
            return new GraderScore(null, Error: ex.Message);
        }
    }

    private static double StringCheck(StringCheckGrader grader, GraderSample sample)
    {
        var input = GraderTemplate.Render(grader.Input, sample);
        var reference = GraderTemplate.Render(grader.Reference, sample);
        var pass = grader.Operation switch
        {
            "eq" => string.Equals(input, reference, StringComparison.Ordinal),
            "ne" => !string.Equals(input, reference, StringComparison.Ordinal),
            "like" => input.Contains(reference, StringComparison.Ordinal),
            "ilike" => input.Contains(reference, StringComparison.OrdinalIgnoreCase),
            _ => throw new FormatException($"string_check grader '{grader.Name}': operation must be eq, ne, like or ilike."),
        };
        return pass ? 1 : 0;
    }

    private static GraderScore TextSimilarity(TextSimilarityGrader grader, GraderSample sample)
    {
        var input = GraderTemplate.Render(grader.Input, sample);
        var reference = GraderTemplate.Render(grader.Reference, sample);
        var a = TextNormalizer.Tokenize(input, dropArticles: false);
        var b = TextNormalizer.Tokenize(reference, dropArticles: false);
        double? score = grader.EvaluationMetric switch
        {
            "fuzzy_match" => TextOverlap.LevenshteinSimilarity(string.Join(' ', a), string.Join(' ', b)),
            "bleu" => TextOverlap.Bleu(a, b),
            "gleu" => TextOverlap.Gleu(a, b),
            "rouge_l" => TextOverlap.RougeL(a, b).F1,
            ['r', 'o', 'u', 'g', 'e', '_', var n] when n is >= '1' and <= '5' => TextOverlap.RougeN(a, b, n - '0'),
            _ => null,
        };
        return score is { } s
            ? new GraderScore(s)
            : new GraderScore(null, $"text_similarity metric '{grader.EvaluationMetric}' is not computed locally (cosine needs embeddings, meteor needs WordNet); only the platform runs it.");
    }

    private async Task<GraderScore> ScoreModelAsync(ScoreModelGrader grader, GraderSample sample, CancellationToken cancellationToken)
    {
        if (modelFor is null)
        {
            return new GraderScore(null, "score_model graders need a connection to ask their model.");
        }

        var (min, max) = grader.Range ?? (0, 1);
        var messages = grader.Input.Select(m => new ChatMessage(new ChatRole(m.Role), GraderTemplate.Render(m.Content, sample))).ToList();
        messages.Add(new ChatMessage(ChatRole.User, string.Create(CultureInfo.InvariantCulture, $"Reply with the score only: a number from {min} to {max}.")));
        var reply = await modelFor(grader.Model).GetResponseAsync(messages, new ChatOptions { Temperature = (float?)grader.Temperature }, cancellationToken).ConfigureAwait(false);
        return JudgeReplyParser.ParseScore(reply.Text, min, max) is { } score
            ? new GraderScore(score)
            : new GraderScore(null, Error: $"score_model grader '{grader.Name}': the reply of {grader.Model} holds no score from {min} to {max}: '{Shorten(reply.Text)}'.");
    }

    private async Task<GraderScore> LabelModelAsync(LabelModelGrader grader, GraderSample sample, CancellationToken cancellationToken)
    {
        if (modelFor is null)
        {
            return new GraderScore(null, "label_model graders need a connection to ask their model.");
        }

        var messages = grader.Input.Select(m => new ChatMessage(new ChatRole(m.Role), GraderTemplate.Render(m.Content, sample))).ToList();
        messages.Add(new ChatMessage(ChatRole.User, "Reply with one label only: " + string.Join(", ", grader.Labels) + "."));
        var reply = (await modelFor(grader.Model).GetResponseAsync(messages, null, cancellationToken).ConfigureAwait(false)).Text.Trim();
        var label = grader.Labels.FirstOrDefault(l => string.Equals(l, reply, StringComparison.OrdinalIgnoreCase))
            ?? grader.Labels.FirstOrDefault(l => reply.Contains(l, StringComparison.OrdinalIgnoreCase));
        return label is null
            ? new GraderScore(null, Error: $"label_model grader '{grader.Name}': the reply '{Shorten(reply)}' is none of the labels.")
            : new GraderScore(grader.PassingLabels.Contains(label, StringComparer.OrdinalIgnoreCase) ? 1 : 0);
    }

    private async Task<GraderScore> MultiAsync(MultiGrader grader, GraderSample sample, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, child) in grader.Graders)
        {
            var score = await GradeAsync(child, sample, cancellationToken).ConfigureAwait(false);
            if (score.Score is not { } value)
            {
                return score with { NotRunnable = score.NotRunnable is null ? null : $"multi grader '{grader.Name}', grader '{name}': {score.NotRunnable}" };
            }

            values[name] = value;
        }

        return new GraderScore(GraderFormula.Evaluate(grader.CalculateOutput, values));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
