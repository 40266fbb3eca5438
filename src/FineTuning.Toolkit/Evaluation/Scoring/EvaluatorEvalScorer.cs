using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>An <see cref="IEvaluator"/> running as an <see cref="IEvalScorer"/>; see <see cref="EvaluatorBridgeExtensions.AsEvalScorer"/>.</summary>
internal sealed class EvaluatorEvalScorer(
    IEvaluator evaluator,
    string metricName,
    ChatConfiguration? chatConfiguration,
    Func<EvalScoringContext, IEnumerable<EvaluationContext>>? additionalContext) : IEvalScorer
{
    public IEvaluator Evaluator => evaluator;

    public string Name => metricName;

    public async ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, context.Output));
        List<EvaluationContext> contexts = [new EvalItemEvaluationContext(context.Item)];
        if (additionalContext?.Invoke(context) is { } extra) contexts.AddRange(extra);
        var result = await evaluator.EvaluateAsync(context.Item.Input, response, chatConfiguration, contexts, cancellationToken).ConfigureAwait(false);
        return ToScore(result, metricName);
    }

    internal static EvalScore ToScore(EvaluationResult result, string metricName)
    {
        if (!result.Metrics.TryGetValue(metricName, out var metric))
        {
            return EvalScore.Failed($"the evaluator returned no metric named '{metricName}'");
        }

        var errors = metric.Diagnostics?.Where(d => d.Severity == EvaluationDiagnosticSeverity.Error).Select(d => d.Message).ToList();
        if (errors is { Count: > 0 })
        {
            return EvalScore.Failed(string.Join("; ", errors));
        }

        var interpretation = metric.Interpretation;
        bool? passed = interpretation is null ? null : !interpretation.Failed;
        Dictionary<string, string>? details = null;
        if (interpretation is not null) (details ??= new(StringComparer.Ordinal))["rating"] = interpretation.Rating.ToString();
        if (metric.Metadata is { Count: > 0 } metadata)
        {
            foreach (var pair in metadata) (details ??= new(StringComparer.Ordinal))[pair.Key] = pair.Value;
        }

        var reason = metric.Reason ?? interpretation?.Reason;
        switch (metric)
        {
            case NumericMetric { Value: { } value } when double.IsFinite(value):
                return new EvalScore { Value = value, Passed = passed, Reason = reason, Details = details };
            case BooleanMetric { Value: { } flag }:
                return new EvalScore { Value = flag ? 1d : 0d, Passed = passed ?? flag, Reason = reason, Details = details };
            case StringMetric { Value: { } label }:
                return new EvalScore { Label = label, Passed = passed, Value = passed is { } p ? (p ? 1d : 0d) : null, Reason = reason, Details = details };
            default:
                return EvalScore.Failed(string.Create(CultureInfo.InvariantCulture, $"metric '{metricName}' has no value{(reason is null ? string.Empty : ": " + reason)}"));
        }
    }
}
