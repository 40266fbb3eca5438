using System.Text.Json;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Datasets.Splitting;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

public sealed class DedupEngineTests
{
    private static JsonElement Chat(string user, string assistant) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } } })).RootElement;

    [Fact]
    public void Normalisation_folds_compatibility_forms_case_and_whitespace()
    {
        var options = new TextNormalizationOptions();
        Assert.Equal("the file is fine", TextNormalizer.Normalize("  The\u00A0\uFB01le   IS\tＦｉｎｅ ", options));
        Assert.Equal("hello world", TextNormalizer.Normalize("Hello, world!", new TextNormalizationOptions { IgnorePunctuation = true }));
        Assert.Equal("A  b", TextNormalizer.Normalize("A  b", new TextNormalizationOptions { IgnoreCase = false, CollapseWhitespace = false }));
    }

    [Fact]
    public void Exact_duplicates_after_normalisation_point_at_the_first_line()
    {
        var finder = new DuplicateFinder(new TextNormalizationOptions(), null, DeduplicationScope.WholeExample);
        Assert.Null(finder.Observe(1, Chat("What is 2+2?", "4")));
        Assert.Null(finder.Observe(2, Chat("What is 2+3?", "5")));
        var dup = finder.Observe(3, Chat("  what IS 2+2? ", "4"));
        Assert.Equal(new DuplicateMatch(3, 1, DuplicateKind.Exact, 1.0), dup);
    }

    [Fact]
    public void Near_duplicates_are_found_with_a_similarity_estimate_and_distinct_texts_are_not()
    {
        var finder = new DuplicateFinder(new TextNormalizationOptions(), new NearDuplicateOptions { Threshold = 0.8 }, DeduplicationScope.WholeExample);
        const string baseText = "Our refund policy allows returns within thirty days of purchase when the item is unused and in its original packaging with the receipt";
        Assert.Null(finder.Observe(1, Chat(baseText, "Yes, within 30 days.")));
        Assert.Null(finder.Observe(2, Chat("How do I reset my router to factory settings after a firmware update failed overnight?", "Hold reset for 10 s.")));
        var near = finder.Observe(3, Chat(baseText + " please", "Yes, within 30 days."));
        Assert.NotNull(near);
        Assert.Equal((3L, 1L, DuplicateKind.Near), (near!.Line, near.DuplicateOfLine, near.Kind));
        Assert.InRange(near.Similarity, 0.8, 1.0);
        Assert.Null(finder.Observe(4, Chat("Completely different question about the weather in Lisbon during spring and summer months", "Mild.")));
    }

    [Fact]
    public void Minhash_estimate_tracks_true_jaccard()
    {
        var hasher = new MinHasher(new NearDuplicateOptions { HashCount = 256, ShingleSize = 1 });
        var a = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}"));
        var b = string.Join(' ', Enumerable.Range(50, 100).Select(i => $"w{i}")); // |A∩B| = 50, |A∪B| = 150
        Assert.InRange(MinHasher.Similarity(hasher.Signature(a), hasher.Signature(b)), 0.33 - 0.08, 0.33 + 0.08);
    }

    [Theory]
    [InlineData(128, 0.85)]
    [InlineData(128, 0.5)]
    [InlineData(64, 0.95)]
    public void Band_choice_keeps_recall_at_the_threshold(int hashes, double threshold)
    {
        var (bands, rows) = LshIndex.ChooseBands(hashes, threshold);
        Assert.True(bands * rows <= hashes);
        Assert.True(1 - Math.Pow(1 - Math.Pow(threshold, rows), bands) >= 0.99);
    }

    [Fact]
    public void Split_position_depends_only_on_bytes_and_seed()
    {
        var bytes = "{\"a\":1}"u8.ToArray();
        Assert.Equal(SplitAssigner.Position(bytes, 42), SplitAssigner.Position(bytes, 42));
        Assert.NotEqual(SplitAssigner.Position(bytes, 42), SplitAssigner.Position(bytes, 43));
        var positions = Enumerable.Range(0, 10_000).Select(i => SplitAssigner.Position(System.Text.Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), 7)).ToList();
        Assert.InRange(positions.Count(p => p < 0.1), 900, 1100);
        Assert.All(positions, p => Assert.InRange(p, 0.0, 0.999999999));
    }

    [Theory]
    [InlineData("$.metadata.label", "billing")]
    [InlineData("label", "billing")]
    [InlineData("messages[-1].content", "4")]
    [InlineData("$['messages'][0].role", "user")]
    [InlineData("$.messages[5].content", null)]
    [InlineData("$.n", "3")]
    public void Json_path_selects_stratum_keys(string path, string? expected)
    {
        using var doc = JsonDocument.Parse("""{"messages":[{"role":"user","content":"2+2"},{"role":"assistant","content":"4"}],"metadata":{"label":"billing"},"n":3}""");
        Assert.Equal(expected, JsonPathSelector.Parse(path).SelectKey(doc.RootElement));
    }

    [Fact]
    public void Bad_json_path_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => JsonPathSelector.Parse("$.a[oops]"));
        Assert.Throws<FormatException>(() => JsonPathSelector.Parse("$.a[1"));
    }
}
