namespace FineTuning.Toolkit.Models;

/// <summary>An example longer than a model's per-example token limit.</summary>
/// <param name="LineNumber">The 1-based line of the example.</param>
/// <param name="Tokens">Its token count.</param>
/// <param name="Limit">The limit it exceeds.</param>
public readonly record struct ExampleOverLimit(long LineNumber, int Tokens, int Limit)
{
    /// <summary>Gets the tokens the platform drops from the end of the example.</summary>
    public int TruncatedTokens => Math.Max(0, Tokens - Limit);
}
