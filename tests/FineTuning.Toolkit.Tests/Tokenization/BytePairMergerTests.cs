using FineTuning.Toolkit.Tokenization;
using FineTuning.Toolkit.Tokenization.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace FineTuning.Toolkit.Tests.Tokenization;

public sealed class BytePairMergerTests
{
    private static readonly byte[] s_alphabet = "aabbcdeeilnorst  _-.\n0123"u8.ToArray();

    [Fact]
    public void Heap_merge_equals_tiktokens_scan_on_random_byte_strings()
    {
        var gen = Gen.Choose(0, s_alphabet.Length - 1).Select(i => s_alphabet[i]).ArrayOf()
            .Where(a => a.Length >= 2);
        Prop.ForAll(gen.ToArbitrary(), bytes =>
        {
            foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
            {
                var simple = Run(encoding, bytes, heap: false);
                var heap = Run(encoding, bytes, heap: true);
                if (!simple.SequenceEqual(heap))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Heap_merge_equals_tiktokens_scan_on_random_utf8_bytes()
    {
        var gen = Gen.Choose(0, 255).Select(i => (byte)i).ArrayOf().Where(a => a.Length >= 2);
        Prop.ForAll(gen.ToArbitrary(), bytes =>
            Run(TiktokenEncoding.O200kBase, bytes, heap: false).SequenceEqual(Run(TiktokenEncoding.O200kBase, bytes, heap: true)))
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("x", 1500)]
    [InlineData("ab", 600)]
    [InlineData(" ", 1000)]
    [InlineData("aab", 300)]
    public void Heap_merge_equals_the_scan_on_long_repetitions(string unit, int count)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, count)));
        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
        {
            Assert.Equal(Run(encoding, bytes, heap: false), Run(encoding, bytes, heap: true));
        }
    }

    [Fact]
    public void A_long_single_piece_is_encoded_and_round_trips()
    {
        // One 200,000-character piece: tiktoken's quadratic loop takes about 100 s here (its speed on 1 MB is
        // measured in the benchmarks, not in a timed test).
        var text = new string('x', 200_000);
        var ids = TiktokenEncoding.O200kBase.Encode(text);
        Assert.Equal(text, TiktokenEncoding.O200kBase.Decode(ids));
        Assert.Equal(ids.Length, TiktokenEncoding.O200kBase.CountTokens(text));
    }

    [Fact]
    public void A_piece_longer_than_the_cap_is_merged_in_chunks_of_the_cap()
    {
        // Memory stays bounded (one chunk's merge state) whatever the piece; on a uniform run the chunks give the whole count.
        var chunk = TiktokenEncoding.MaxPieceChars;
        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
        {
            var one = encoding.CountTokens(new string('x', chunk));
            Assert.Equal(4 * one, encoding.CountTokens(new string('x', 4 * chunk)));
            Assert.Equal((4 * one) + encoding.CountTokens("xyz"), encoding.CountTokens(new string('x', 4 * chunk) + "xyz"));
        }

        // A chunk never splits a surrogate pair: every emoji of a long run decodes back (the space puts the pairs across
        // the chunk boundary: one piece, " " then emoji, whose high surrogates sit at odd indexes).
        var emoji = " " + string.Concat(Enumerable.Repeat("\U0001F600", chunk));
        Assert.Equal(emoji, TiktokenEncoding.O200kBase.Decode(TiktokenEncoding.O200kBase.Encode(emoji)));
    }

    private static int[] Run(TiktokenEncoding encoding, byte[] bytes, bool heap)
    {
        var ids = new List<int>();
        var sink = new ListSink(ids);
        if (heap)
        {
            BytePairMerger.MergeHeap(encoding.RankTable, bytes, ref sink);
        }
        else
        {
            BytePairMerger.MergeSimple(encoding.RankTable, bytes, ref sink);
        }

        return [.. ids];
    }
}
