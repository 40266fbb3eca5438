using System.Text.Json;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Datasets.Privacy;
using FineTuning.Toolkit.Datasets.Splitting;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

public sealed class FileLevelDataprepTests
{
    private const string Key = "sk-proj-Zx81Qw72Er63Ty54Ui45Op36As27Df18Gh09Jk";

    [Fact]
    public async Task Scan_reports_line_path_kind_and_masked_excerpt_and_redaction_round_trips()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("data.jsonl",
        [
            TempFolder.ChatLine("My card is 4111 1111 1111 1111, mail me at ann@example.com", "Noted."),
            TempFolder.ChatLine("What year did it happen? 1999, for $25.00, order 12345678", "In 1999."),
            "",
            "{\"messages\": [ broken json with " + Key,
            TempFolder.ChatLine("key " + Key, "Never share keys."),
        ]);
        var scanner = new DatasetPrivacyScanner();
        var report = await scanner.ScanAsync(input);

        Assert.Equal(
            [(1L, "$.messages[0].content", SensitiveDataKind.CreditCard), (1L, "$.messages[0].content", SensitiveDataKind.Email), (4L, "$", SensitiveDataKind.ApiKey), (5L, "$.messages[0].content", SensitiveDataKind.ApiKey)],
            report.Findings.Select(f => (f.Line, f.JsonPath, f.Kind)));
        Assert.All(report.Findings, f => Assert.DoesNotContain(Key[10..], f.MaskedExcerpt, StringComparison.Ordinal));
        Assert.Equal(4L, Assert.Single(report.Errors).Line);
        Assert.Equal(3, report.LinesWithFindings);

        var output = temp.File("redacted.jsonl");
        var redaction = await scanner.RedactAsync(input, output);
        Assert.Equal(5, redaction.Lines);
        Assert.Equal(3, redaction.RedactedLines);
        Assert.Equal(2, redaction.Redactions[SensitiveDataKind.ApiKey]);
        var lines = File.ReadAllLines(output);
        Assert.Equal(5, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Contains("[CREDIT_CARD]", lines[0], StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", lines[0], StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(input)[1], lines[1]);
        Assert.DoesNotContain(Key, File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Empty((await scanner.ScanAsync(output)).Findings);
        Assert.Equal("Never share keys.", JsonDocument.Parse(lines[4]).RootElement.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Dedupe_keeps_first_reports_exact_and_near_pairs_and_bad_lines()
    {
        using var temp = new TempFolder();
        const string longText = "please explain how the quarterly invoice is calculated for customers on the annual business plan with two seats";
        var input = temp.WriteLines("data.jsonl",
        [
            TempFolder.ChatLine("What is the capital of France?", "Paris."),
            TempFolder.ChatLine(longText, "It is prorated."),
            TempFolder.ChatLine("  what is the CAPITAL of   France? ", "Paris."),
            "not json",
            TempFolder.ChatLine(longText + " today", "It is prorated."),
            TempFolder.ChatLine("Unrelated question about shipping times to Canada", "Five days."),
        ]);
        var output = temp.File("dedup.jsonl");
        var report = await DatasetDeduplicator.DeduplicateAsync(input, output, new DeduplicationOptions { NearDuplicates = new NearDuplicateOptions { Threshold = 0.8 } });

        Assert.Equal(5, report.Examples);
        Assert.Equal(3, report.Kept);
        Assert.Equal((3L, 1L, DuplicateKind.Exact), (report.Duplicates[0].Line, report.Duplicates[0].DuplicateOfLine, report.Duplicates[0].Kind));
        Assert.Equal((5L, 2L, DuplicateKind.Near), (report.Duplicates[1].Line, report.Duplicates[1].DuplicateOfLine, report.Duplicates[1].Kind));
        Assert.InRange(report.Duplicates[1].Similarity, 0.8, 1.0);
        Assert.Equal(4L, Assert.Single(report.Errors).Line);
        var source = File.ReadAllLines(input);
        Assert.Equal([source[0], source[1], source[5]], File.ReadAllLines(output));

        var exactOnly = await DatasetDeduplicator.DeduplicateAsync(input);
        Assert.Equal(1, exactOnly.ExactDuplicates);
        Assert.Equal(0, exactOnly.NearDuplicates);
    }

    private static IEnumerable<string> LabelledLines(int count) =>
        Enumerable.Range(0, count).Select(i => TempFolder.ChatLine($"ticket {i}: something about topic {i % 7}", $"answer {i}", new { label = (i % 10) switch { < 6 => "billing", < 9 => "tech", _ => "legal" } }));

    [Fact]
    public async Task Split_is_deterministic_by_seed_and_ratio_holds_on_average()
    {
        using var temp = new TempFolder();
        var input = temp.WriteLines("all.jsonl", LabelledLines(2000));
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            DatasetSplitter.SplitAsync(input, temp.File($"t{i}.jsonl"), temp.File($"v{i}.jsonl"), new SplitOptions { ValidationRatio = 0.1, Seed = 7 })));
        Assert.All(runs, r => Assert.Equal(runs[0], r with { Strata = runs[0].Strata, Errors = runs[0].Errors }));
        Assert.Equal(File.ReadAllBytes(temp.File("v0.jsonl")), File.ReadAllBytes(temp.File("v2.jsonl")));
        Assert.Equal(File.ReadAllBytes(temp.File("t0.jsonl")), File.ReadAllBytes(temp.File("t1.jsonl")));
        Assert.InRange(runs[0].Validation, 150, 250);
        Assert.Equal(2000, runs[0].Training + runs[0].Validation);

        var other = await DatasetSplitter.SplitAsync(input, temp.File("t9.jsonl"), temp.File("v9.jsonl"), new SplitOptions { ValidationRatio = 0.1, Seed = 8 });
        Assert.NotEqual(File.ReadAllBytes(temp.File("v0.jsonl")), File.ReadAllBytes(temp.File("v9.jsonl")));
        Assert.Equal(2000, other.Training + other.Validation);

        // Every input line lands in exactly one file, in input order.
        var all = File.ReadAllLines(input);
        var merged = File.ReadAllLines(temp.File("t0.jsonl")).Concat(File.ReadAllLines(temp.File("v0.jsonl"))).Order(StringComparer.Ordinal);
        Assert.Equal(all.Order(StringComparer.Ordinal), merged);
        var validation = File.ReadAllLines(temp.File("v0.jsonl"));
        Assert.Equal(validation.OrderBy(l => Array.IndexOf(all, l)), validation);
    }

    [Fact]
    public async Task Exact_stratified_split_gives_each_stratum_its_exact_share()
    {
        using var temp = new TempFolder();
        var lines = LabelledLines(1000).ToList();
        lines.Insert(10, TempFolder.ChatLine("no label here", "ok"));
        lines.Insert(20, "{oops");
        var input = temp.WriteLines("all.jsonl", lines);
        var report = await DatasetSplitter.SplitAsync(input, temp.File("t.jsonl"), temp.File("v.jsonl"),
            new SplitOptions { ValidationRatio = 0.2, Seed = 3, StratifyBy = "label", ExactRatio = true });

        Assert.Equal(
            [new SplitStratum("(missing)", 1, 0), new SplitStratum("billing", 480, 120), new SplitStratum("legal", 80, 20), new SplitStratum("tech", 240, 60)],
            report.Strata);
        Assert.Equal(21L, Assert.Single(report.Errors).Line);
        var labels = TempFolder.ReadJsonl(temp.File("v.jsonl")).Select(e => e.GetProperty("metadata").GetProperty("label").GetString()).ToList();
        Assert.Equal(120, labels.Count(l => l == "billing"));

        var hashed = await DatasetSplitter.SplitAsync(input, temp.File("t2.jsonl"), temp.File("v2.jsonl"),
            new SplitOptions { ValidationRatio = 0.2, Seed = 3, StratifyBy = "$.metadata.label" });
        foreach (var stratum in hashed.Strata.Where(s => s.Value != "(missing)"))
        {
            Assert.InRange((double)stratum.Validation / (stratum.Training + stratum.Validation), 0.12, 0.28);
        }
    }

    [Fact]
    public async Task Leakage_reports_exact_and_near_prompt_overlap_with_line_pairs()
    {
        using var temp = new TempFolder();
        const string longPrompt = "how can I change the billing address on my account after the invoice has already been issued this month";
        var train = temp.WriteLines("train.jsonl",
        [
            TempFolder.ChatLine("Where is my order?", "Let me check."),
            TempFolder.ChatLine(longPrompt, "Go to settings."),
            TempFolder.ChatLine("Do you ship to Norway?", "Yes."),
        ]);
        var valid = temp.WriteLines("valid.jsonl",
        [
            TempFolder.ChatLine("Can I pay with PayPal?", "Yes."),
            TempFolder.ChatLine("WHERE is my   order?", "A different answer."),
            TempFolder.ChatLine(longPrompt + " please", "Settings."),
            "[1,2]",
        ]);
        var report = await LeakageDetector.DetectAsync(train, valid);
        Assert.Equal(3, report.ReferenceExamples);
        Assert.Equal(3, report.Examples);
        Assert.Equal(2, report.Pairs.Count);
        Assert.Equal(new LeakagePair(1, 2, DuplicateKind.Exact, 1.0), report.Pairs[0]);
        Assert.Equal((2L, 3L, DuplicateKind.Near), (report.Pairs[1].ReferenceLine, report.Pairs[1].Line, report.Pairs[1].Kind));
        Assert.Equal(4L, Assert.Single(report.Errors).Line);
        Assert.Equal(2.0 / 3, report.LeakedFraction, 3);

        var exactOnly = await LeakageDetector.DetectAsync(train, valid, new LeakageOptions { NearDuplicates = null });
        Assert.Single(exactOnly.Pairs);
    }

    [Fact]
    public async Task Missing_input_is_a_file_not_found_and_same_output_as_input_is_refused()
    {
        using var temp = new TempFolder();
        await Assert.ThrowsAsync<FileNotFoundException>(() => DatasetDeduplicator.DeduplicateAsync(temp.File("nope.jsonl")));
        var input = temp.WriteLines("a.jsonl", [TempFolder.ChatLine("a", "b")]);
        await Assert.ThrowsAsync<ArgumentException>(() => DatasetDeduplicator.DeduplicateAsync(input, input));
        await Assert.ThrowsAsync<ArgumentException>(() => new DatasetPrivacyScanner().RedactAsync(input, input));
    }
}
