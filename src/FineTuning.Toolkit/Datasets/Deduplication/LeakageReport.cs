namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>The result of <see cref="LeakageDetector.DetectAsync"/>.</summary>
/// <param name="ReferenceExamples">Readable examples in the reference file.</param>
/// <param name="Examples">Readable examples in the checked file.</param>
/// <param name="Pairs">One pair per leaked example of the checked file (with the most similar reference line), in file order.</param>
/// <param name="ReferenceErrors">Unreadable lines of the reference file (not indexed).</param>
/// <param name="Errors">Unreadable lines of the checked file (not checked).</param>
public sealed record LeakageReport(long ReferenceExamples, long Examples, IReadOnlyList<LeakagePair> Pairs, IReadOnlyList<DatasetDiagnostic> ReferenceErrors, IReadOnlyList<DatasetDiagnostic> Errors)
{
    /// <summary>Gets the fraction of checked examples that leak (0 when the checked file is empty).</summary>
    public double LeakedFraction => Examples == 0 ? 0 : (double)Pairs.Count / Examples;
}
