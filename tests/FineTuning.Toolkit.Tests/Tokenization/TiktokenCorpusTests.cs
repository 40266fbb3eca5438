using System.Text;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Tokenization;

public sealed class TiktokenCorpusTests
{
    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Every_corpus_case_has_exactly_the_ids_of_tiktoken(string encodingName)
    {
        var encoding = TiktokenEncoding.Get(encodingName);
        var failures = new List<string>();
        foreach (var c in TokenizerCorpus.Cases)
        {
            var expected = c.Expected(encodingName);
            var actual = encoding.Encode(c.Text);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                failures.Add($"{c.Name}: expected [{Head(expected)}] got [{Head(actual)}]");
            }
        }

        Assert.True(TokenizerCorpus.Cases.Count > 1000);
        Assert.True(failures.Count == 0, $"{failures.Count} of {TokenizerCorpus.Cases.Count} cases differ:\n" + string.Join("\n", failures.Take(25)));
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void CountTokens_equals_the_number_of_ids_on_the_corpus(string encodingName)
    {
        var encoding = TiktokenEncoding.Get(encodingName);
        foreach (var c in TokenizerCorpus.Cases)
        {
            Assert.True(c.Expected(encodingName).Length == encoding.CountTokens(c.Text), c.Name);
        }
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Decode_round_trips_the_corpus_with_lone_surrogates_as_replacement_characters(string encodingName)
    {
        var encoding = TiktokenEncoding.Get(encodingName);
        foreach (var c in TokenizerCorpus.Cases)
        {
            var expectedText = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(c.Text));
            Assert.True(expectedText == encoding.Decode(c.Expected(encodingName)), c.Name);
        }
    }

    private static string Head(int[] ids) =>
        ids.Length <= 40 ? string.Join(",", ids) : string.Join(",", ids.Take(40)) + $",... ({ids.Length})";
}
