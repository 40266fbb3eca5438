namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// One message of a common chat line taken by the validator's single pass (<see cref="ChatPassLine"/>): its role and where its
/// string content and optional name lie in the line's UTF-8, as offsets of the JSON string values between their quotes.
/// </summary>
/// <param name="Role">"system", "user" or "assistant" (the only roles the single pass takes).</param>
/// <param name="ContentStart">The offset of the content's first byte after the opening quote.</param>
/// <param name="ContentLength">The content's length in bytes, still escaped.</param>
/// <param name="ContentEscaped">Whether the content holds JSON escapes.</param>
/// <param name="NameStart">The offset of the name's first byte, or -1 when the message has no name.</param>
/// <param name="NameLength">The name's length in bytes, still escaped.</param>
/// <param name="NameEscaped">Whether the name holds JSON escapes.</param>
/// <param name="Weight">The assistant weight, 0 or 1, or -1 when absent.</param>
internal readonly record struct ChatPassMessage(
    string Role, int ContentStart, int ContentLength, bool ContentEscaped, int NameStart, int NameLength, bool NameEscaped, int Weight)
{
    /// <summary>Gets a value indicating whether the message has a name.</summary>
    public bool HasName => NameStart >= 0;
}
