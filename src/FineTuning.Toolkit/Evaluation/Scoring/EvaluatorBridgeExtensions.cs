using Microsoft.Extensions.AI.Evaluation;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// The bridge between the toolkit's scorers and Microsoft.Extensions.AI.Evaluation: any <see cref="IEvaluator"/>
/// (relevance, coherence, equivalence, NLP or your own) can score an evaluation run, and any <see cref="IEvalScorer"/>
/// can run wherever an <see cref="IEvaluator"/> is expected (for example in a <c>ReportingConfiguration</c>).
/// </summary>
public static class EvaluatorBridgeExtensions
{
    /// <summary>
    /// Adapts an <see cref="IEvaluator"/> to an <see cref="IEvalScorer"/>: the item's input messages and the output (as
    /// an assistant response) are evaluated and one metric becomes the score — a <see cref="NumericMetric"/> gives
    /// <see cref="EvalScore.Value"/>, a <see cref="BooleanMetric"/> gives <see cref="EvalScore.Passed"/> with value 1 or 0,
    /// a <see cref="StringMetric"/> gives <see cref="EvalScore.Label"/>; the metric's interpretation (when it has one)
    /// decides <see cref="EvalScore.Passed"/>; diagnostics of error severity become <see cref="EvalScore.Error"/>.
    /// </summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="metricName">The metric that becomes the score (and the scorer's name); may be null when the evaluator reports exactly one metric.</param>
    /// <param name="chatConfiguration">The chat configuration for AI-based evaluators (their judge model), or null.</param>
    /// <param name="additionalContext">
    /// Builds the evaluator's extra context per output (for example an <c>EquivalenceEvaluatorContext</c> from
    /// <see cref="EvalItem.Reference"/>), or null. An <see cref="EvalItemEvaluationContext"/> is always added.
    /// </param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluator"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No metric name was given and the evaluator reports none or several, or the named metric is not one it reports.</exception>
    public static IEvalScorer AsEvalScorer(
        this IEvaluator evaluator,
        string? metricName = null,
        ChatConfiguration? chatConfiguration = null,
        Func<EvalScoringContext, IEnumerable<EvaluationContext>>? additionalContext = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var names = evaluator.EvaluationMetricNames;
        if (metricName is null)
        {
            if (names.Count != 1)
            {
                throw new ArgumentException($"The evaluator reports {names.Count} metrics ({string.Join(", ", names)}); name the one to score with.", nameof(metricName));
            }

            metricName = names.First();
        }
        else if (!names.Contains(metricName, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The evaluator does not report a metric named '{metricName}' (it reports: {string.Join(", ", names)}).", nameof(metricName));
        }

        return new EvaluatorEvalScorer(evaluator, metricName, chatConfiguration, additionalContext);
    }

    /// <summary>
    /// Adapts an <see cref="IEvalScorer"/> to an <see cref="IEvaluator"/> reporting one metric named after the scorer:
    /// a numeric score becomes a <see cref="NumericMetric"/> (with an interpretation when the score passed or failed),
    /// a pass/fail without a value a <see cref="BooleanMetric"/>, a label alone a <see cref="StringMetric"/>, and a failed
    /// score (or an exception) a metric with an error diagnostic.
    /// </summary>
    /// <param name="scorer">The scorer.</param>
    /// <returns>The evaluator. Pass an <see cref="EvalItemEvaluationContext"/> so reference-based scorers see the reference answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scorer"/> is <see langword="null"/>.</exception>
    public static IEvaluator AsEvaluator(this IEvalScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return scorer is EvaluatorEvalScorer adapted ? adapted.Evaluator : new EvalScorerEvaluator(scorer);
    }
}
