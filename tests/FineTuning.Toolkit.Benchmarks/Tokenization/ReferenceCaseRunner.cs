using System.Text.Json;
using FineTuning.Toolkit.Tests.Tokenization;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>
/// <c>reference-cases</c>: on every case of the tokenizer test corpus (the ids OpenAI's tiktoken produced with
/// <c>encode_ordinary</c>, committed in tests/FineTuning.Toolkit.Tests/TestData/Tokenization/expected-ids.json), counts
/// the cases where ours and Microsoft.ML.Tokenizers give other ids or another count, and prints one JSON object per
/// tokenizer and encoding. Exits 1 if ours differs on any case.
/// </summary>
internal static class ReferenceCaseRunner
{
    public static int Run()
    {
        var cases = TokenizerCorpus.Cases;
        bool oursExact = true;
        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
        {
            var microsoft = MicrosoftTiktokenPeer.Tokenizer(encoding.Name);
            int oursIds = 0, oursCount = 0, msIds = 0, msCount = 0, msThrew = 0, msSpecialOnly = 0;
            var msOther = new List<string>();
            foreach (var c in cases)
            {
                var expected = c.Expected(encoding.Name);
                var ours = encoding.Encode(c.Text);
                oursIds += ours.AsSpan().SequenceEqual(expected) ? 0 : 1;
                oursCount += encoding.CountTokens(c.Text) == expected.Length ? 0 : 1;

                int[] ms;
                try
                {
                    ms = [.. microsoft.EncodeToIds(c.Text)];
                    msCount += microsoft.CountTokens(c.Text) == expected.Length ? 0 : 1;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
                {
                    msThrew++;
                    msIds++;
                    msCount++;
                    msOther.Add($"{c.Name} (threw {ex.GetType().Name})");
                    continue;
                }

                if (ms.AsSpan().SequenceEqual(expected))
                {
                    continue;
                }

                msIds++;

                // Special-token text (e.g. "<|endoftext|>") that Microsoft turns into the special token: the same ids
                // as tiktoken with allowed_special="all" (ours with SpecialTokenHandling.Special) is a policy
                // difference, not an error; anything else is a wrong tokenization.
                if (encoding.TryFindSpecialToken(c.Text, out _, out _) && ms.AsSpan().SequenceEqual(encoding.Encode(c.Text, SpecialTokenHandling.Special)))
                {
                    msSpecialOnly++;
                }
                else
                {
                    msOther.Add(c.Name);
                }
            }

            oursExact &= oursIds == 0 && oursCount == 0;
            Print("FineTuning.Toolkit TiktokenEncoding", encoding.Name, cases.Count, oursIds, oursCount, 0, 0, []);
            Print(MicrosoftTiktokenPeer.Name, encoding.Name, cases.Count, msIds, msCount, msThrew, msSpecialOnly, msOther);
        }

        return oursExact ? 0 : 1;
    }

    private static void Print(string tokenizer, string encoding, int cases, int idsDiffer, int countDiffers, int threw, int specialTokenTextOnly, List<string> others) =>
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            referenceCases = tokenizer,
            encoding,
            cases,
            idsDiffer,
            countDiffers,
            threw,
            specialTokenTextOnly,
            otherDiffer = others.Count,
            otherExamples = others.Take(12).ToArray(),
        }));
}
