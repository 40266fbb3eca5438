namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>Precision, recall and F1 of one class.</summary>
/// <param name="Label">The class.</param>
/// <param name="Support">Items whose expected class is <paramref name="Label"/>.</param>
/// <param name="Predicted">Items predicted as <paramref name="Label"/>.</param>
/// <param name="TruePositives">Items expected and predicted as <paramref name="Label"/>.</param>
public sealed record LabelMetrics(string Label, int Support, int Predicted, int TruePositives)
{
    /// <summary>Gets TP / predicted (0 when nothing was predicted as this class).</summary>
    public double Precision => Predicted == 0 ? 0 : TruePositives / (double)Predicted;

    /// <summary>Gets TP / support (0 when the class never occurs).</summary>
    public double Recall => Support == 0 ? 0 : TruePositives / (double)Support;

    /// <summary>Gets the harmonic mean of precision and recall (0 when both are 0).</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
