namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>One detection inside a piece of text: what was found and where (a character range).</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Detector">The stable name of the detector that found it (e.g. <c>openai-key</c>, <c>credit-card</c>).</param>
/// <param name="Start">The index of the first character of the match in the scanned text.</param>
/// <param name="Length">The number of characters matched.</param>
/// <remarks>A match never carries the matched text itself, so it is safe to log; use <see cref="SensitiveDataScanner.MaskExcerpt"/> for display.</remarks>
public readonly record struct SensitiveDataMatch(SensitiveDataKind Kind, string Detector, int Start, int Length)
{
    /// <summary>The index just past the last matched character.</summary>
    public int End => Start + Length;
}
