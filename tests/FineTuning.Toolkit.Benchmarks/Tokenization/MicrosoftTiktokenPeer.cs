using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>
/// Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/>, the obvious .NET alternative to our tokenizer: a benchmark
/// peer only, never referenced by src/. Created as its documentation shows, with the encoding's default special tokens
/// (it has no equivalent of tiktoken's <c>encode_ordinary</c>: special-token text always becomes the special token).
/// </summary>
internal static class MicrosoftTiktokenPeer
{
    public const string Name = "Microsoft.ML.Tokenizers 3.0.0 TiktokenTokenizer";

    public static TiktokenTokenizer Tokenizer(string encodingName) => TiktokenTokenizer.CreateForEncoding(encodingName);

    public static TokenizerPeer Create(string encodingName)
    {
        var tokenizer = Tokenizer(encodingName);
        return new TokenizerPeer(Name, s => tokenizer.CountTokens(s));
    }
}
