using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Dataprep;

/// <summary>The command-line side of issue 11: conflicts in <c>dedupe</c>, <c>--shingles char</c> in <c>leakage</c>, warnings in <c>convert</c>, masking in <c>scan</c>.</summary>
public sealed class DataprepDefectCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ftk-cli-issue11-" + Guid.NewGuid().ToString("N"));

    public DataprepDefectCommandTests() => Directory.CreateDirectory(_folder);

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

    [Fact]
    public async Task Dedupe_lists_conflicts_with_line_numbers_and_drops_them_only_when_asked()
    {
        var input = Write("d.jsonl", Chat("What is 2+2?", "4"), Chat("What is 2+2?", "5"), Chat("What is 2+2?", "4"));

        var (code, output) = await RunAsync("dedupe", input, "--scope", "prompt");
        var (_, json) = await RunAsync("dedupe", input, "--scope", "prompt", "--drop-conflicts", "--json");

        Assert.Equal(0, code);
        Assert.Contains("kept 2", output, StringComparison.Ordinal);
        Assert.Contains("line 2: same prompt as line 1, different answer", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("kept").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("conflict_count").GetInt32());
        var conflict = doc.RootElement.GetProperty("conflicts")[0];
        Assert.Equal((2, 1, true), (conflict.GetProperty("line").GetInt32(), conflict.GetProperty("conflicts_with_line").GetInt32(), conflict.GetProperty("dropped").GetBoolean()));
    }

    [Fact]
    public async Task Leakage_with_char_shingles_and_no_threshold_finds_what_an_explicit_threshold_finds()
    {
        var train = Write("t.jsonl", Chat("The quick brown fox jumps over the lazy dog near the river bank today", "ok"));
        var valid = Write("v.jsonl", Chat("The quick brown fox jumped over the lazy dog near the river bank today", "ok"));

        var (defaultCode, defaultOut) = await RunAsync("leakage", train, valid, "--shingles", "char");
        var (explicitCode, explicitOut) = await RunAsync("leakage", train, valid, "--shingles", "char", "--near", "0.85");

        Assert.Equal((1, 1), (defaultCode, explicitCode));
        Assert.Equal(explicitOut, defaultOut);
        Assert.Contains("line 1 ~ training line 1 (near", defaultOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_reports_the_separator_actually_stripped_and_warns_per_line()
    {
        var input = Write("l.jsonl", "{\"prompt\":\"Is the sky blue? ->\",\"completion\":\" yes END\"}", "{\"prompt\":\"Is grass red?\\n\\n###\\n\\n\",\"completion\":\" no END\"}", "{\"prompt\":\"\",\"completion\":\" maybe END\"}");

        var (code, output) = await RunAsync("convert", input, "--prompt-separator", " ->", "-o", Path.Combine(_folder, "o.jsonl"));

        Assert.Equal(0, code);
        Assert.Contains("prompt separator: \" ->\" (stripped, as given", output, StringComparison.Ordinal);
        Assert.DoesNotContain("(none) (stripped)", output, StringComparison.Ordinal);
        Assert.Contains("line 2 $.prompt: FT6007", output, StringComparison.Ordinal);
        Assert.Contains("line 3 $.prompt: FT6008", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_one_kind_masks_every_other_detected_value_in_the_excerpt()
    {
        var input = Write("s.jsonl", Chat("mail jane.doe@example.com, card 4111 1111 1111 1111", "ok"));

        var (_, output) = await RunAsync("scan", input, "--kind", "email");

        Assert.Contains("[CREDIT_CARD]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", output, StringComparison.Ordinal);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    private static string Chat(string user, string assistant) =>
        JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } } });

    private static async Task<(int Code, string Out)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString());
    }
}
