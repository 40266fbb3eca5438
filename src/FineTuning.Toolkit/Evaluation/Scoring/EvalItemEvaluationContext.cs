using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Carries the evaluation item (reference answer, labels, metadata) to an <see cref="IEvaluator"/>: the runner passes
/// it to evaluators adapted with <see cref="EvaluatorBridgeExtensions.AsEvalScorer"/>, and scorers adapted with
/// <see cref="EvaluatorBridgeExtensions.AsEvaluator"/> read the item from it (without it they see only the messages).
/// </summary>
public sealed class EvalItemEvaluationContext : EvaluationContext
{
    /// <summary>The context's name.</summary>
    public const string ContextName = "Evaluation item (FineTuning.Toolkit)";

    /// <summary>Initializes a new instance of the <see cref="EvalItemEvaluationContext"/> class.</summary>
    /// <param name="item">The item; its reference answer becomes the context's text content.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    public EvalItemEvaluationContext(EvalItem item)
        : base(ContextName, new TextContent((item ?? throw new ArgumentNullException(nameof(item))).Reference ?? string.Empty))
    {
        Item = item;
    }

    /// <summary>Gets the evaluation item.</summary>
    public EvalItem Item { get; }
}
