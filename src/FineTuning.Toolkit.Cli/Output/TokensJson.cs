namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk tokens --json</c>: the count of a text, or of every line of a JSONL file.</summary>
internal sealed record TokensJson(string Encoding, long Count, IReadOnlyList<int>? Ids, IReadOnlyList<TokensJson.LineCount>? Lines, int? Errors)
{
    /// <summary>One JSONL line: its count (and ids), or why it could not be counted. Without <c>--json</c> each is printed as one JSONL line.</summary>
    internal sealed record LineCount(long? Line, int? Count, IReadOnlyList<int>? Ids, string? Error);
}
