using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Scores the output by a text-similarity metric against a reference (<c>fuzzy_match</c>, <c>bleu</c>, <c>rouge_l</c>, <c>cosine</c>, …).</summary>
public sealed class TextSimilarityGrader : Grader
{
    private static readonly string[] s_metrics =
        ["fuzzy_match", "bleu", "gleu", "meteor", "cosine", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l"];

    /// <summary>Initializes a new instance of the <see cref="TextSimilarityGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="input">The input template.</param>
    /// <param name="reference">The reference template.</param>
    /// <param name="evaluationMetric">The metric, e.g. <c>fuzzy_match</c>.</param>
    public TextSimilarityGrader(string name, string input, string reference, string evaluationMetric = "fuzzy_match")
        : base(name)
    {
        Input = input ?? throw new ArgumentNullException(nameof(input));
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        EvaluationMetric = evaluationMetric ?? throw new ArgumentNullException(nameof(evaluationMetric));
    }

    /// <inheritdoc/>
    public override string Type => "text_similarity";

    /// <summary>Gets the input template.</summary>
    public string Input { get; }

    /// <summary>Gets the reference template.</summary>
    public string Reference { get; }

    /// <summary>Gets the metric.</summary>
    public string EvaluationMetric { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate() =>
        s_metrics.Contains(EvaluationMetric, StringComparer.Ordinal)
            ? []
            : [$"text_similarity grader '{Name}': unknown evaluation_metric '{EvaluationMetric}' (expected one of {string.Join(", ", s_metrics)})."];

    private protected override void AddTo(JsonObject json)
    {
        json["input"] = Input;
        json["reference"] = Reference;
        json["evaluation_metric"] = EvaluationMetric;
    }
}
