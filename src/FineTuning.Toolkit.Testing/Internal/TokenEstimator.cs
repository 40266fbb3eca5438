using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Token counts for usage and billing, from the toolkit's own tokenizer.</summary>
internal static class TokenEstimator
{
    /// <summary>The encoding of <paramref name="model"/> (o200k_base when the model is unknown).</summary>
    public static TiktokenEncoding EncodingFor(string model) =>
        TiktokenEncoding.TryForModel(model, out var encoding) ? encoding : TiktokenEncoding.O200kBase;

    /// <summary>Counts the tokens of <paramref name="text"/> for <paramref name="model"/>.</summary>
    public static int Count(string model, string? text) =>
        string.IsNullOrEmpty(text) ? 0 : EncodingFor(model).CountTokens(text);

    /// <summary>Counts the prompt tokens of a chat request with the library's <see cref="ChatTokenCounter"/> (the same framing the
    /// estimator bills: 3 per message plus the role, 3 priming the reply).</summary>
    public static int CountMessages(string model, IEnumerable<(string Role, string Content)> messages)
    {
        var example = new ChatExample();
        foreach (var (role, content) in messages)
        {
            example.Messages.Add(new TrainingMessage(role, content));
        }

        return new ChatTokenCounter(EncodingFor(model)).Count(example).TotalTokens;
    }

    /// <summary>Splits <paramref name="text"/> into the model's tokens, as strings.</summary>
    public static List<string> Split(string model, string text)
    {
        var encoding = EncodingFor(model);
        var ids = encoding.Encode(text);
        var tokens = new List<string>(ids.Length);
        foreach (var id in ids)
        {
            tokens.Add(encoding.Decode([id]));
        }

        return tokens;
    }
}
