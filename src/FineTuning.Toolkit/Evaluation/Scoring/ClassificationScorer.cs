using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Maps the output to a class and compares it with the item's expected class. The expected class is the item label
/// <c>label</c>, else <c>class</c>, else the reference. The predicted class is the known class equal to the normalised
/// output, else the single known class whose normalised form occurs in the output as whole words, else the normalised
/// output itself (when no classes are known) or <c>(other)</c>. Without a class list, the analysis bounds the classes
/// to the expected ones: a free-text prediction that is no expected class counts as <c>(other)</c>. The score's <see cref="EvalScore.Label"/> is the
/// prediction and <c>Details["expected"]</c> the expectation, which <see cref="ClassificationAnalyzer.FromResults"/>
/// turns into accuracy, per-class precision/recall/F1 and a confusion matrix.
/// </summary>
public sealed class ClassificationScorer : IEvalScorer
{
    /// <summary>The class assigned when the output names no known class (or more than one).</summary>
    public const string OtherLabel = ClassificationAnalyzer.OtherLabel;

    private readonly IReadOnlyList<string>? _labels;

    /// <summary>Initializes a new instance of the <see cref="ClassificationScorer"/> class.</summary>
    /// <param name="labels">The known classes, or <see langword="null"/> to take the normalised output as the prediction.</param>
    /// <param name="name">The scorer name; defaults to <c>classification</c>.</param>
    public ClassificationScorer(IEnumerable<string>? labels = null, string? name = null)
    {
        _labels = labels?.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        Name = name ?? "classification";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expected = context.Item.GetLabel("label") ?? context.Item.GetLabel("class") ?? context.Item.Reference;
        if (string.IsNullOrWhiteSpace(expected))
        {
            return ValueTask.FromResult(EvalScore.Failed($"Item '{context.Item.Id}' has no expected class (labels.label, labels.class or reference)."));
        }

        expected = expected.Trim();
        var predicted = Predict(context.Output);
        var correct = string.Equals(TextNormalizer.NormalizeAnswer(predicted), TextNormalizer.NormalizeAnswer(expected), StringComparison.Ordinal);
        var canonicalExpected = _labels?.FirstOrDefault(l => string.Equals(TextNormalizer.NormalizeAnswer(l), TextNormalizer.NormalizeAnswer(expected), StringComparison.Ordinal)) ?? expected;
        if (_labels is null)
        {
            canonicalExpected = TextNormalizer.NormalizeAnswer(expected);
        }

        return ValueTask.FromResult(EvalScore.FromBoolean(correct) with
        {
            Label = correct ? canonicalExpected : predicted,
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { [ClassificationAnalyzer.ExpectedDetailKey] = canonicalExpected },
        });
    }

    private string Predict(string output)
    {
        var normalized = TextNormalizer.NormalizeAnswer(output);
        if (_labels is null)
        {
            return normalized;
        }

        var exact = _labels.FirstOrDefault(l => string.Equals(TextNormalizer.NormalizeAnswer(l), normalized, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }

        var padded = " " + normalized + " ";
        var mentioned = _labels.Where(l => TextNormalizer.NormalizeAnswer(l) is { Length: > 0 } n && padded.Contains(" " + n + " ", StringComparison.Ordinal)).ToList();
        return mentioned.Count == 1 ? mentioned[0] : OtherLabel;
    }
}
