using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>An <see cref="IEvalScorer"/> running as an <see cref="IEvaluator"/>; see <see cref="EvaluatorBridgeExtensions.AsEvaluator"/>.</summary>
internal sealed class EvalScorerEvaluator(IEvalScorer scorer) : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [scorer.Name];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var item = additionalContext?.OfType<EvalItemEvaluationContext>().FirstOrDefault()?.Item;
        if (item is null)
        {
            var input = messages.ToList();
            item = new EvalItem("item", input.Count > 0 ? input : [new ChatMessage(ChatRole.User, string.Empty)]);
        }

        var context = new EvalScoringContext(item, modelResponse.Text, "evaluator") { Logprobs = ChatLogprobs.Read(modelResponse) };
        EvalScore score;
        try
        {
            score = await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            score = EvalScore.Failed($"{ex.GetType().Name}: {ex.Message}");
        }

        return new EvaluationResult(ToMetric(scorer.Name, score));
    }

    internal static EvaluationMetric ToMetric(string name, EvalScore score)
    {
        EvaluationMetric metric;
        if (score.Error is { } error)
        {
            metric = new NumericMetric(name, value: null, reason: score.Reason);
            metric.AddDiagnostics(EvaluationDiagnostic.Error(error));
            return metric;
        }

        if (score.Value is { } value)
        {
            metric = new NumericMetric(name, value, score.Reason);
        }
        else if (score.Passed is { } passed)
        {
            metric = new BooleanMetric(name, passed, score.Reason);
        }
        else
        {
            metric = new StringMetric(name, score.Label, score.Reason);
        }

        if (score.Passed is { } p)
        {
            metric.Interpretation = new EvaluationMetricInterpretation(p ? EvaluationRating.Good : EvaluationRating.Unacceptable, failed: !p, reason: score.Reason);
        }

        if (score.Label is { } label && metric is not StringMetric) metric.AddOrUpdateMetadata("label", label);
        if (score.Details is { Count: > 0 } details)
        {
            foreach (var pair in details) metric.AddOrUpdateMetadata(pair.Key, pair.Value);
        }

        return metric;
    }
}
