namespace FineTuning.Toolkit.Tokenization;

/// <summary>The result of <see cref="TokenCounter.CountFileAsync"/>: the tokens of every JSON string value of a JSONL file.</summary>
/// <param name="Lines">The number of JSON lines counted (blank lines are not counted).</param>
/// <param name="Tokens">The total number of tokens of the string values.</param>
/// <param name="Bytes">The size of the file in bytes.</param>
/// <param name="Strings">The number of JSON string values counted.</param>
public sealed record FileTokenCount(long Lines, long Tokens, long Bytes, long Strings);
