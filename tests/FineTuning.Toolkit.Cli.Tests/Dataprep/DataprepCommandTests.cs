using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Dataprep;

public sealed class DataprepCommandTests : IDisposable
{
    private const string Key = "sk-proj-Zx81Qw72Er63Ty54Ui45Op36As27Df18Gh09Jk";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ftk-cli-dataprep-" + Guid.NewGuid().ToString("N"));

    public DataprepCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Write(string name, params string[] lines)
    {
        File.WriteAllText(PathOf(name), string.Concat(lines.Select(l => l + "\n")));
        return PathOf(name);
    }

    private static string Chat(string user, string assistant, string? label = null) =>
        label is null
            ? JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } } })
            : JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } }, metadata = new { label } });

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Scan_exits_1_with_masked_findings_and_redacts_to_a_new_file()
    {
        var input = Write("data.jsonl", Chat("mail ann@example.com, key " + Key, "ok"), Chat("In 2024 it cost $25.00 for order 123456", "fine"));
        var (code, output, _) = await RunAsync("scan", input, "--redact", PathOf("clean.jsonl"));
        Assert.Equal(1, code);
        Assert.Contains("line 1 $.messages[0].content: email", output, StringComparison.Ordinal);
        Assert.Contains("api-key (openai-key)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[10..], output, StringComparison.Ordinal);
        Assert.Contains("[API_KEY]", File.ReadAllText(PathOf("clean.jsonl")), StringComparison.Ordinal);

        var (cleanCode, cleanOut, _) = await RunAsync("scan", PathOf("clean.jsonl"), "--json");
        Assert.Equal(0, cleanCode);
        using var doc = JsonDocument.Parse(cleanOut);
        Assert.Equal(0, doc.RootElement.GetProperty("finding_count").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("lines").GetInt32());
    }

    [Fact]
    public async Task Scan_json_lists_findings_and_kind_filter_applies()
    {
        var input = Write("data.jsonl", Chat("mail ann@example.com from 10.0.0.1", "ok"));
        var (code, output, _) = await RunAsync("scan", input, "--json", "--kind", "ip");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("ip", finding.GetProperty("kind").GetString());
        Assert.Equal(1, finding.GetProperty("line").GetInt32());
        Assert.Equal("$.messages[0].content", finding.GetProperty("path").GetString());

        var (badKind, _, err) = await RunAsync("scan", input, "--kind", "ssn");
        Assert.Equal(2, badKind);
        Assert.Contains("unknown kind", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dedupe_with_near_writes_the_kept_lines_and_reports_pairs_as_json()
    {
        const string text = "explain how the monthly invoice is computed for customers on the yearly plan with several seats";
        var input = Write("data.jsonl", Chat("Hello there", "Hi"), Chat("hello   THERE", "Hi"), Chat(text, "Prorated."), Chat(text + " now", "Prorated."), Chat("Something else entirely", "Yes"));
        var (code, output, _) = await RunAsync("dedupe", input, "--near", "0.7", "--out", PathOf("dedup.jsonl"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(3, doc.RootElement.GetProperty("kept").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("exact_duplicates").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("near_duplicates").GetInt32());
        var pairs = doc.RootElement.GetProperty("duplicates").EnumerateArray().Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("duplicate_of_line").GetInt32(), p.GetProperty("kind").GetString())).ToList();
        Assert.Equal([(2, 1, "exact"), (4, 3, "near")], pairs);
        Assert.Equal(3, File.ReadAllLines(PathOf("dedup.jsonl")).Length);
    }

    [Fact]
    public async Task Dedupe_reports_bad_lines_with_exit_1_and_missing_file_with_exit_2()
    {
        var input = Write("data.jsonl", Chat("a", "b"), "{nope", Chat("a", "b"));
        var (code, output, _) = await RunAsync("dedupe", input);
        Assert.Equal(1, code);
        Assert.Contains("line 2", output, StringComparison.Ordinal);
        Assert.Contains("line 3: exact duplicate of line 1", output, StringComparison.Ordinal);

        var (missing, _, err) = await RunAsync("dedupe", PathOf("missing.jsonl"));
        Assert.Equal(2, missing);
        Assert.Contains("file not found", err, StringComparison.Ordinal);

        var (badNear, _, nearErr) = await RunAsync("dedupe", input, "--near", "1.5");
        Assert.Equal(2, badNear);
        Assert.Contains("--near", nearErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_is_reproducible_and_stratified()
    {
        var lines = Enumerable.Range(0, 300).Select(i => Chat($"question {i}", $"answer {i}", i % 3 == 0 ? "rare" : "common")).ToArray();
        var input = Write("all.jsonl", lines);
        var first = await RunAsync("split", input, "--validation-ratio", "0.2", "--seed", "5", "--stratify", "label", "--exact", "--json");
        Assert.Equal(0, first.Code);
        using var doc = JsonDocument.Parse(first.Out);
        Assert.Equal(60, doc.RootElement.GetProperty("validation").GetInt32());
        var strata = doc.RootElement.GetProperty("strata").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!, s => s.GetProperty("validation").GetInt32());
        Assert.Equal(40, strata["common"]);
        Assert.Equal(20, strata["rare"]);
        var validation = File.ReadAllBytes(PathOf("all.validation.jsonl"));

        var second = await RunAsync("split", input, "--validation-ratio", "0.2", "--seed", "5", "--stratify", "label", "--exact", "--validation-out", PathOf("v2.jsonl"), "--train-out", PathOf("t2.jsonl"));
        Assert.Equal(0, second.Code);
        Assert.Contains("common: 160 training, 40 validation", second.Out, StringComparison.Ordinal);
        Assert.Equal(validation, File.ReadAllBytes(PathOf("v2.jsonl")));

        var bad = await RunAsync("split", input, "--validation-ratio", "1.5");
        Assert.Equal(2, bad.Code);
    }

    [Fact]
    public async Task Leakage_exits_1_and_lists_line_pairs()
    {
        var train = Write("train.jsonl", Chat("Where is my parcel?", "Checking."), Chat("Refund please", "Sure."));
        var valid = Write("valid.jsonl", Chat("How late do you open?", "9pm."), Chat("where IS my parcel?", "Tracking."));
        var (code, output, _) = await RunAsync("leakage", train, valid);
        Assert.Equal(1, code);
        Assert.Contains("line 2 ~ training line 1 (exact)", output, StringComparison.Ordinal);

        var clean = Write("clean.jsonl", Chat("Totally new question", "x"));
        var (cleanCode, cleanOut, _) = await RunAsync("leakage", train, clean, "--json");
        Assert.Equal(0, cleanCode);
        Assert.Equal(0, JsonDocument.Parse(cleanOut).RootElement.GetProperty("leaked").GetInt32());
    }

    [Fact]
    public async Task Convert_legacy_strips_separators_and_chat_converts_to_eval()
    {
        var legacy = Write("legacy.jsonl", """{"prompt":"Price of X? ->","completion":" 1"}""", """{"prompt":"CPU of X? ->","completion":" 2"}""");
        var (code, output, _) = await RunAsync("convert", legacy, "--strip-separators", "--system-prompt", "Classify.");
        Assert.Equal(0, code);
        Assert.Contains("prompt separator: \" ->\" (stripped)", output, StringComparison.Ordinal);
        var chatPath = PathOf("legacy.chat.jsonl");
        var first = JsonDocument.Parse(File.ReadLines(chatPath).First()).RootElement.GetProperty("messages");
        Assert.Equal("Price of X?", first[1].GetProperty("content").GetString());
        Assert.Equal("1", first[2].GetProperty("content").GetString());

        var (evalCode, evalOut, _) = await RunAsync("convert", chatPath, "--json");
        Assert.Equal(0, evalCode);
        using var doc = JsonDocument.Parse(evalOut);
        Assert.Equal("eval", doc.RootElement.GetProperty("to").GetString());
        var item = JsonDocument.Parse(File.ReadLines(PathOf("legacy.chat.eval.jsonl")).First()).RootElement;
        Assert.Equal("1", item.GetProperty("reference").GetString());
        Assert.Equal(2, item.GetProperty("input").GetArrayLength());
        Assert.Equal(1, item.GetProperty("metadata").GetProperty("source_line").GetInt32());
    }

    [Fact]
    public async Task Convert_csv_reports_bad_records_with_lines_and_exit_1()
    {
        File.WriteAllText(PathOf("faq.tsv"), "question\tanswer\n\"multi\nline\"\tok\nno answer\t\n");
        var (code, output, _) = await RunAsync("convert", PathOf("faq.tsv"), "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("written").GetInt32());
        var error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal("FT6003", error.GetProperty("code").GetString());

        var (wrong, _, err) = await RunAsync("convert", PathOf("faq.tsv"), "--user-column", "nope");
        Assert.Equal(2, wrong);
        Assert.Contains("not in the header", err, StringComparison.Ordinal);
    }
}
