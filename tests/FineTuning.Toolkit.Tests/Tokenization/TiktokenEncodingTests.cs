using System.Security.Cryptography;
using FineTuning.Toolkit.Tokenization;
using FineTuning.Toolkit.Tokenization.Internal;

namespace FineTuning.Toolkit.Tests.Tokenization;

public sealed class TiktokenEncodingTests
{
    [Fact]
    public void Counting_through_the_piece_cache_equals_the_ids_with_repeats_evictions_and_both_encodings()
    {
        // 20,000 distinct rare pieces (more than the cache's 8,192 slots, so slots are evicted and reused), each several times,
        // counted on one thread alternating encodings and on other threads at once: every count equals the number of ids
        // (Encode takes no cache).
        var random = new Random(7);
        var words = Enumerable.Range(0, 20_000).Select(i => " " + new string(Enumerable.Range(0, 4 + (i % 9)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray())
            + (i % 3 == 0 ? "ünß" : i % 3 == 1 ? "नमस्ते" : "")).ToArray();
        var text = string.Concat(Enumerable.Range(0, 60_000).Select(i => words[random.Next(words.Length)]));
        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase, TiktokenEncoding.O200kBase })
        {
            var expected = encoding.Encode(text).Length;
            Assert.Equal(expected, encoding.CountTokens(text));
            Assert.Equal(expected, encoding.CountTokens(text)); // second time: from the cache
            var perWord = words.Take(3000).Select(w => (Count: encoding.CountTokens(w), Ids: encoding.Encode(w).Length)).ToList();
            Assert.All(perWord, p => Assert.Equal(p.Ids, p.Count));
        }

        // A thread counting with both encodings in turn keeps one cache for each (no new cache per switch).
        var o200k = PieceCountCache.For(TiktokenEncoding.O200kBase.RankTable);
        var cl100k = PieceCountCache.For(TiktokenEncoding.Cl100kBase.RankTable);
        Assert.NotSame(o200k, cl100k);
        Assert.Same(o200k, PieceCountCache.For(TiktokenEncoding.O200kBase.RankTable));
        Assert.Same(cl100k, PieceCountCache.For(TiktokenEncoding.Cl100kBase.RankTable));

        var parallel = Enumerable.Range(0, 4).AsParallel().Select(k => (k % 2 == 0 ? TiktokenEncoding.O200kBase : TiktokenEncoding.Cl100kBase).CountTokens(text)).ToArray();
        Assert.Equal(TiktokenEncoding.O200kBase.Encode(text).Length, parallel[0]);
        Assert.Equal(TiktokenEncoding.Cl100kBase.Encode(text).Length, parallel[1]);
    }

    [Theory]
    [InlineData("o200k_base", "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d")]
    [InlineData("cl100k_base", "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7")]
    public void Embedded_rank_files_are_OpenAIs_published_files(string encodingName, string sha256)
    {
        using var stream = RankTable.OpenRankFile(encodingName);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        Assert.Equal(sha256, hash);
    }

    [Fact]
    public void The_shipped_checksum_file_lists_the_same_sums()
    {
        var sums = File.ReadAllText(Path.Combine(FindRepoRoot(), "src", "FineTuning.Toolkit", "Tokenization", "Data", "SHA256SUMS"));
        Assert.Contains("446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d  o200k_base.tiktoken", sums, StringComparison.Ordinal);
        Assert.Contains("223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7  cl100k_base.tiktoken", sums, StringComparison.Ordinal);
    }

    [Fact]
    public void Instances_are_shared_per_encoding()
    {
        Assert.Same(TiktokenEncoding.O200kBase, TiktokenEncoding.Get("o200k_base"));
        Assert.Same(TiktokenEncoding.Cl100kBase, TiktokenEncoding.Get("CL100K_BASE"));
        Assert.Equal("o200k_base", TiktokenEncoding.O200kBase.Name);
        Assert.Equal(199_998, TiktokenEncoding.O200kBase.OrdinaryTokenCount);
        Assert.Equal(100_256, TiktokenEncoding.Cl100kBase.OrdinaryTokenCount);
    }

    [Fact]
    public void Concurrent_first_use_loads_one_table()
    {
        var results = new TiktokenEncoding[8];
        Parallel.For(0, results.Length, i => results[i] = TiktokenEncoding.Get(i % 2 == 0 ? "o200k_base" : "cl100k_base"));
        Assert.All(results.Where((_, i) => i % 2 == 0), e => Assert.Same(TiktokenEncoding.O200kBase, e));
        Assert.All(results.Where((_, i) => i % 2 == 1), e => Assert.Same(TiktokenEncoding.Cl100kBase, e));
    }

    [Fact]
    public void Unknown_encoding_names_are_rejected_with_the_supported_list()
    {
        var ex = Assert.Throws<ArgumentException>(() => TiktokenEncoding.Get("p50k_base"));
        Assert.Contains("o200k_base", ex.Message, StringComparison.Ordinal);
        Assert.False(TiktokenEncoding.TryGet(null, out _));
    }

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-2024-08-06", "o200k_base")]
    [InlineData("gpt-4o-mini-2024-07-18", "o200k_base")]
    [InlineData("gpt-4.1-2025-04-14", "o200k_base")]
    [InlineData("gpt-4.1-nano", "o200k_base")]
    [InlineData("o1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("o4-mini-2025-04-16", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme:support:9abc", "o200k_base")]
    [InlineData("ft:gpt-4.1-2025-04-14:acme::xyz", "o200k_base")]
    [InlineData("  GPT-4O  ", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-0613", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo-0125", "cl100k_base")]
    [InlineData("gpt-35-turbo", "cl100k_base")]
    [InlineData("ft:gpt-3.5-turbo-0613:acme::abc", "cl100k_base")]
    [InlineData("davinci-002", "cl100k_base")]
    public void ForModel_maps_model_ids_to_their_encoding(string model, string expected)
    {
        Assert.Equal(expected, TiktokenEncoding.ForModel(model).Name);
    }

    [Theory]
    [InlineData("my-azure-deployment")]
    [InlineData("o10")]
    [InlineData("gpt-4x")]
    [InlineData("")]
    public void ForModel_rejects_unknown_models(string model)
    {
        Assert.False(TiktokenEncoding.TryForModel(model, out _));
        var ex = Assert.Throws<ArgumentException>(() => TiktokenEncoding.ForModel(model));
        Assert.Contains("o200k_base", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_ids_of_hello_world()
    {
        Assert.Equal([13225, 11, 2375, 0], TiktokenEncoding.O200kBase.Encode("Hello, world!"));
        Assert.Equal([9906, 11, 1917, 0], TiktokenEncoding.Cl100kBase.Encode("Hello, world!"));
    }

    [Fact]
    public void Special_token_text_is_ordinary_text_by_default()
    {
        var o200k = TiktokenEncoding.O200kBase;
        var ids = o200k.Encode("a<|endoftext|>b");
        Assert.DoesNotContain(199_999, ids);
        Assert.True(ids.Length > 3);
        Assert.Equal(ids.Length, o200k.CountTokens("a<|endoftext|>b"));
        Assert.Equal("a<|endoftext|>b", o200k.Decode(ids));
    }

    [Fact]
    public void Reject_names_the_token_and_its_position()
    {
        var cl100k = TiktokenEncoding.Cl100kBase;
        var ex = Assert.Throws<SpecialTokenException>(() => cl100k.CountTokens("Hello <|fim_suffix|> x", SpecialTokenHandling.Reject));
        Assert.Equal("<|fim_suffix|>", ex.Token);
        Assert.Equal(6, ex.Index);
        Assert.Equal("cl100k_base", ex.EncodingName);
        Assert.Contains("<|fim_suffix|>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("6", ex.Message, StringComparison.Ordinal);

        // <|fim_suffix|> is not a special token of o200k_base, so there it is plain text.
        Assert.True(TiktokenEncoding.O200kBase.CountTokens("Hello <|fim_suffix|> x", SpecialTokenHandling.Reject) > 3);
        Assert.True(cl100k.CountTokens("<| <|x|> |>", SpecialTokenHandling.Reject) > 0);
    }

    [Fact]
    public void Special_mode_encodes_each_special_token_as_its_id()
    {
        var o200k = TiktokenEncoding.O200kBase;
        var ids = o200k.Encode("Hi<|endoftext|><|endofprompt|>!", SpecialTokenHandling.Special);
        Assert.Equal([.. o200k.Encode("Hi"), 199_999, 200_018, .. o200k.Encode("!")], ids);
        Assert.Equal("Hi<|endoftext|><|endofprompt|>!", o200k.Decode(ids));
    }

    [Fact]
    public void TryFindSpecialToken_finds_the_first_one()
    {
        Assert.True(TiktokenEncoding.Cl100kBase.TryFindSpecialToken("x <|x <|endofprompt|><|endoftext|>", out int index, out var token));
        Assert.Equal(6, index);
        Assert.Equal("<|endofprompt|>", token);
        Assert.False(TiktokenEncoding.Cl100kBase.TryFindSpecialToken("<|im_start|>", out _, out _));
    }

    [Fact]
    public void Lone_surrogates_encode_as_the_replacement_character()
    {
        var o200k = TiktokenEncoding.O200kBase;
        Assert.Equal(o200k.Encode("a\uFFFDb"), o200k.Encode("a\uD800b"));
        Assert.Equal("a\uFFFDb", o200k.Decode(o200k.Encode("a\uDC00b")));
    }

    [Fact]
    public void EncodeToIds_appends_and_empty_text_has_no_tokens()
    {
        var ids = new List<int> { -1 };
        TiktokenEncoding.O200kBase.EncodeToIds("Hello", ids);
        Assert.Equal([-1, 13225], ids);
        Assert.Equal(0, TiktokenEncoding.O200kBase.CountTokens(ReadOnlySpan<char>.Empty));
        Assert.Empty(TiktokenEncoding.Cl100kBase.Encode(string.Empty));
    }

    [Fact]
    public void Decode_rejects_unknown_ids_and_replaces_split_characters()
    {
        var o200k = TiktokenEncoding.O200kBase;
        Assert.Throws<ArgumentOutOfRangeException>(() => o200k.Decode([200_500]));
        Assert.Throws<ArgumentOutOfRangeException>(() => o200k.Decode([-1]));

        // Single byte tokens of a 4-byte emoji: each alone is not valid UTF-8.
        var ids = o200k.Encode("😀");
        var bytes = o200k.DecodeToBytes(ids);
        Assert.Equal([0xF0, 0x9F, 0x98, 0x80], bytes);
    }

    internal static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
