namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>One line of an evaluation-set file: the item it holds, or why it could not be read.</summary>
/// <param name="LineNumber">The 1-based line number in the file.</param>
/// <param name="Item">The item, or <see langword="null"/> when the line is malformed.</param>
/// <param name="Error">Why the line could not be read (with the JSON path when known), or <see langword="null"/>.</param>
public sealed record EvalSetLine(int LineNumber, EvalItem? Item, string? Error)
{
    /// <summary>Gets a value indicating whether the line held a valid item.</summary>
    public bool IsValid => Item is not null;
}
