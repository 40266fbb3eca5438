namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Accuracy, per-class precision/recall/F1, macro and micro averages and the confusion matrix of single-label
/// predictions. Classes are the union of expected and predicted labels, sorted ordinally; a class never predicted
/// has precision 0 (the "zero division = 0" convention). Macro averages are taken over the classes with support
/// (expected at least once): a class that is only ever predicted, such as <c>(other)</c>, has no recall or F1 to
/// average, and its predictions already lower the recall of the classes they were wrong for.
/// </summary>
public sealed record ClassificationMetrics
{
    /// <summary>Gets the number of (expected, predicted) pairs.</summary>
    public required int Total { get; init; }

    /// <summary>Gets the number of correct predictions.</summary>
    public required int Correct { get; init; }

    /// <summary>Gets <c>Correct / Total</c> (0 when empty).</summary>
    public double Accuracy => Total == 0 ? 0 : Correct / (double)Total;

    /// <summary>Gets the number of samples behind <see cref="Total"/>: equal to it when every sample counts, larger when each item counts once with the majority answer of its samples.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the classes, in matrix order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Gets per-class metrics, in <see cref="Labels"/> order.</summary>
    public required IReadOnlyList<LabelMetrics> PerLabel { get; init; }

    /// <summary>Gets the confusion matrix: <c>Matrix[expected][predicted]</c>, indices in <see cref="Labels"/> order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    /// <summary>Gets the unweighted mean of per-class precision over classes with support (zero-support classes are left out).</summary>
    public double MacroPrecision => Macro(m => m.Precision);

    /// <summary>Gets the unweighted mean of per-class recall over classes with support (zero-support classes are left out).</summary>
    public double MacroRecall => Macro(m => m.Recall);

    /// <summary>Gets the unweighted mean of per-class F1 over classes with support (zero-support classes are left out).</summary>
    public double MacroF1 => Macro(m => m.F1);

    /// <summary>Gets micro precision: Σ TP / Σ predicted (equals accuracy for single-label classification).</summary>
    public double MicroPrecision => PerLabel.Sum(m => m.Predicted) is var p and > 0 ? PerLabel.Sum(m => m.TruePositives) / (double)p : 0;

    /// <summary>Gets micro recall: Σ TP / Σ support (equals accuracy for single-label classification).</summary>
    public double MicroRecall => PerLabel.Sum(m => m.Support) is var s and > 0 ? PerLabel.Sum(m => m.TruePositives) / (double)s : 0;

    /// <summary>Gets micro F1.</summary>
    public double MicroF1 => MicroPrecision + MicroRecall == 0 ? 0 : 2 * MicroPrecision * MicroRecall / (MicroPrecision + MicroRecall);

    private double Macro(Func<LabelMetrics, double> metric) => PerLabel.Where(m => m.Support > 0).Select(metric).DefaultIfEmpty(0).Average();
}
