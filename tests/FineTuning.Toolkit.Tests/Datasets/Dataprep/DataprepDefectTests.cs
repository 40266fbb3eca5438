using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Conversion;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Datasets.Privacy;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

/// <summary>The data-preparation defects of issue 11, each reproduced and fixed.</summary>
public sealed class DataprepDefectTests
{
    private const string LongPrompt = "please explain how the quarterly invoice is calculated for customers on the annual business plan with two seats and a discount";

    [Fact]
    public async Task Same_prompt_with_a_different_answer_is_a_conflict_kept_on_both_sides()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("data.jsonl",
        [
            TempFolder.ChatLine("What is 2+2?", "4"),
            TempFolder.ChatLine("What is 2+2?", "5"),
            TempFolder.ChatLine("What is 2+2?", "4"),
            TempFolder.ChatLine("what is 2+2?", "5"),
        ]);

        var report = await DatasetDeduplicator.DeduplicateAsync(input, temp.File("out.jsonl"), new DeduplicationOptions { Scope = DeduplicationScope.Prompt });

        // Line 3 repeats line 1 and line 4 repeats line 2 (after normalisation): duplicates. Line 2 is label noise: kept, reported.
        Assert.Equal([(3L, 1L), (4L, 1L)], report.Duplicates.Select(d => (d.Line, d.DuplicateOfLine)));
        Assert.Equal([new DuplicateConflict(2, 1, Dropped: false)], report.Conflicts);
        Assert.Equal(2, report.Kept);
        Assert.Equal(["4", "5"], TempFolder.ReadJsonl(temp.File("out.jsonl")).Select(e => e.GetProperty("messages")[1].GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Near_matching_does_not_drop_a_conflicting_answer_unless_asked()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("data.jsonl", [TempFolder.ChatLine(LongPrompt, "It is prorated."), TempFolder.ChatLine(LongPrompt, "It is not prorated.")]);
        var near = new NearDuplicateOptions { Threshold = 0.7 };

        var kept = await DatasetDeduplicator.DeduplicateAsync(input, null, new DeduplicationOptions { NearDuplicates = near });
        var dropped = await DatasetDeduplicator.DeduplicateAsync(input, null, new DeduplicationOptions { NearDuplicates = near, DropConflicts = true });

        Assert.Empty(kept.Duplicates);
        Assert.Equal(2, kept.Kept);
        Assert.Equal(2L, Assert.Single(kept.Conflicts).Line);
        Assert.Equal(1, dropped.Kept);
        Assert.True(Assert.Single(dropped.Conflicts).Dropped);
    }

    [Fact]
    public void Character_shingles_default_to_five_characters_and_words_to_three()
    {
        Assert.Equal(3, new NearDuplicateOptions().ShingleSize);
        Assert.Equal(5, new NearDuplicateOptions { Shingles = ShingleKind.Character }.ShingleSize);
        Assert.Equal(7, new NearDuplicateOptions { Shingles = ShingleKind.Character, ShingleSize = 7 }.ShingleSize);
    }

    [Fact]
    public async Task Leakage_with_character_shingles_and_the_default_threshold_finds_a_ninety_percent_pair()
    {
        using var temp = new TempFolder();
        const string train = "The quick brown fox jumps over the lazy dog near the river bank today";
        const string valid = "The quick brown fox jumped over the lazy dog near the river bank today";
        var trainPath = temp.WriteLines("train.jsonl", [TempFolder.ChatLine(train, "ok")]);
        var validPath = temp.WriteLines("valid.jsonl", [TempFolder.ChatLine(valid, "ok")]);

        var words = await LeakageDetector.DetectAsync(trainPath, validPath);
        var chars = await LeakageDetector.DetectAsync(trainPath, validPath, new LeakageOptions { NearDuplicates = new NearDuplicateOptions { Shingles = ShingleKind.Character } });

        // Word 3-shingles see one changed word as 3 of 13 shingles changed (~63 % similar); character 5-shingles see ~90 %.
        Assert.Empty(words.Pairs);
        var pair = Assert.Single(chars.Pairs);
        Assert.InRange(pair.Similarity, 0.85, 0.97);
    }

    [Fact]
    public async Task Convert_warns_about_mixed_separators_and_empty_prompts_and_reports_the_stripped_separator()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("legacy.jsonl",
        [
            "{\"prompt\":\"Is the sky blue? ->\",\"completion\":\" yes END\"}",
            "{\"prompt\":\"Is grass red?\\n\\n###\\n\\n\",\"completion\":\" no END\"}",
            "{\"prompt\":\"\",\"completion\":\" maybe END\"}",
        ]);

        var report = await DatasetConverter.LegacyToChatAsync(input, temp.File("chat.jsonl"), new LegacyConversionOptions { PromptSeparator = " ->", StripSeparators = true });

        Assert.Equal(3, report.Written);
        Assert.Null(report.DetectedPromptSeparator);
        Assert.Equal(" ->", report.StrippedPromptSeparator);
        Assert.Equal([(2L, ConversionDiagnosticCodes.SeparatorLeftBehind), (3L, ConversionDiagnosticCodes.EmptyPrompt)], report.Warnings.Select(w => (w.Line, w.Code)));
        Assert.All(report.Warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
    }

    [Fact]
    public async Task Convert_with_one_consistent_separator_has_no_warnings()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("legacy.jsonl", ["{\"prompt\":\"a ->\",\"completion\":\" x END\"}", "{\"prompt\":\"b ->\",\"completion\":\" y END\"}"]);

        var report = await DatasetConverter.LegacyToChatAsync(input, temp.File("chat.jsonl"), new LegacyConversionOptions { StripSeparators = true });

        Assert.Equal(" ->", report.StrippedPromptSeparator);
        Assert.Empty(report.Warnings);
    }

    [Theory]
    [InlineData("Ruf an: 030 12345678")]
    [InlineData("Telefon 030/23125789")]
    [InlineData("Bel 06-12345678")]
    [InlineData("Amsterdam 020-1234567")]
    [InlineData("mobile 07700 900123")]
    public void German_Dutch_and_UK_national_phone_numbers_are_found(string text) =>
        Assert.Equal(SensitiveDataKind.Phone, Assert.Single(new SensitiveDataScanner().Scan(text)).Kind);

    [Theory]
    [InlineData("Invalid IBAN DE89 3704 0044 0532 0130 01")]
    [InlineData("NL91 ABNA 0417 1643 01")]
    public void Digits_inside_an_iban_with_a_bad_checksum_are_not_a_card_or_phone(string text) =>
        Assert.Empty(new SensitiveDataScanner().Scan(text));

    [Fact]
    public void An_excerpt_masks_values_of_every_kind_even_when_only_one_kind_is_reported()
    {
        const string text = "mail jane.doe@example.com, card 4111 1111 1111 1111 or call +44 20 7946 0958";
        var scanner = new SensitiveDataScanner(new SensitiveDataScannerOptions { Kinds = [SensitiveDataKind.Email], ExcerptContext = 200 });

        var matches = scanner.Scan(text);
        var excerpt = scanner.MaskExcerpt(text, Assert.Single(matches), matches);

        Assert.Equal(SensitiveDataKind.Email, matches[0].Kind);
        Assert.Contains("[CREDIT_CARD]", excerpt, StringComparison.Ordinal);
        Assert.Contains("[PHONE]", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Selecting_the_card_kind_does_not_report_a_card_inside_a_valid_iban()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataScannerOptions { Kinds = [SensitiveDataKind.CreditCard] });

        Assert.Empty(scanner.Scan("IBAN DE89 3704 0044 0532 0130 00"));
    }
}
