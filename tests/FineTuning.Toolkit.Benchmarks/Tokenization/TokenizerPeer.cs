namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>A tokenizer under comparison: a name for the table and its token count of one string.</summary>
internal sealed record TokenizerPeer(string Name, Func<string, int> Count);
