using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Datasets;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// Tries an RFT grader before a job is paid for: answers a few validation prompts with the base model, grades the
/// answers locally (see the grader types it can run in <see cref="Grade"/>) and reports the score distribution.
/// </summary>
public static class GraderDryRun
{
    /// <summary>Grades <paramref name="samples"/> with <paramref name="grader"/> and summarises the scores.</summary>
    /// <param name="grader">The grader.</param>
    /// <param name="samples">The samples (dataset line and answer).</param>
    /// <param name="modelFor">The chat client for a model grader's model (score_model, label_model), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report. string_check and text_similarity (except cosine and meteor) run locally; score_model and label_model ask their model; python graders are reported as not runnable locally.</returns>
    public static async Task<GraderDryRunReport> Grade(Grader grader, IReadOnlyList<GraderSample> samples, Func<string, IChatClient>? modelFor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grader);
        ArgumentNullException.ThrowIfNull(samples);
        var evaluator = new GraderEvaluator(modelFor);
        var scores = new List<double>();
        var errors = new List<string>();
        string? notRunnable = null;
        for (var i = 0; i < samples.Count && notRunnable is null; i++)
        {
            var score = await evaluator.GradeAsync(grader, samples[i], cancellationToken).ConfigureAwait(false);
            if (score.Score is { } value)
            {
                scores.Add(value);
            }
            else if (score.NotRunnable is not null)
            {
                notRunnable = score.NotRunnable;
            }
            else
            {
                errors.Add($"sample {i + 1}: {score.Error}");
            }
        }

        var (min, max) = grader is ScoreModelGrader { Range: { } range } ? range : (0d, 1d);
        return new GraderDryRunReport
        {
            GraderType = grader.Type,
            Samples = samples.Count,
            Scores = scores,
            NotRunnable = notRunnable,
            Errors = errors,
            RangeMin = Math.Min(min, scores.Count == 0 ? min : scores.Min()),
            RangeMax = Math.Max(max, scores.Count == 0 ? max : scores.Max()),
        };
    }

    /// <summary>
    /// Reads the first <paramref name="count"/> prompts of an RFT (or chat) file and answers each with
    /// <paramref name="model"/>: the samples <see cref="Grade"/> grades. Each sample's item is the line's grader fields.
    /// </summary>
    /// <param name="path">The validation (or training) JSONL file.</param>
    /// <param name="count">How many lines to sample.</param>
    /// <param name="model">The model that answers (the base model of the job).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The samples.</returns>
    public static async Task<IReadOnlyList<GraderSample>> SampleAsync(string path, int count, IChatClient model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var samples = new List<GraderSample>();
        await foreach (var example in DatasetReader.ReadAsync<ReinforcementExample>(path, cancellationToken).ConfigureAwait(false))
        {
            var item = new JsonObject();
            foreach (var (name, value) in example.GraderFields)
            {
                item[name] = JsonNode.Parse(value.GetRawText());
            }

            var prompt = example.Messages
                .Where(m => m.Role != TrainingRole.Assistant || !ReferenceEquals(m, example.Messages[^1]))
                .Select(m => new ChatMessage(new ChatRole(m.Role.Value), m.Content?.GetText() ?? string.Empty))
                .ToList();
            var answer = await model.GetResponseAsync(prompt, null, cancellationToken).ConfigureAwait(false);
            using var itemDocument = JsonDocument.Parse(item.ToJsonString());
            samples.Add(new GraderSample(itemDocument.RootElement.Clone(), answer.Text));
            if (samples.Count >= count)
            {
                break;
            }
        }

        return samples;
    }
}
