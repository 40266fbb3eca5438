namespace FineTuning.Toolkit.Tests.Tokenization;

/// <summary>One corpus text and the ids tiktoken gives it in both encodings.</summary>
internal sealed record CorpusCase(string Name, string Text, int[] O200k, int[] Cl100k)
{
    public int[] Expected(string encoding) => encoding == "o200k_base" ? O200k : Cl100k;

    public override string ToString() => Name;
}
