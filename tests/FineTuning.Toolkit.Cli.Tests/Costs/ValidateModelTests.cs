using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Costs;

public sealed class ValidateModelTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ftk-costs-{Guid.NewGuid():N}.jsonl");

    public ValidateModelTests()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var answer = i == 4 ? string.Concat(Enumerable.Repeat("word ", 5000)) : $"Answer number {i}.";
            text.Append("{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Question ")
                .Append(i).Append("?\"},{\"role\":\"assistant\",\"content\":\"").Append(answer).Append("\"}]}\n");
        }

        File.WriteAllText(_path, text.ToString());
    }

    public void Dispose() => File.Delete(_path);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_has_tokens_and_estimate_sections_and_flags_the_over_limit_line()
    {
        var (code, output, error) = await Run("validate", _path, "--model", "gpt-3.5-turbo-0613", "--epochs", "2", "--json");
        Assert.True(code is 0 or 1, error);
        using var doc = JsonDocument.Parse(output);
        var tokens = doc.RootElement.GetProperty("tokens");
        Assert.Equal("cl100k_base", tokens.GetProperty("encoding").GetString());
        Assert.Equal(1, tokens.GetProperty("over_limit").GetInt32());
        var total = tokens.GetProperty("total").GetInt64();
        var max = tokens.GetProperty("max_example").GetInt64();
        Assert.True(max > 4096 && total > max, $"total {total}, max {max}");
        Assert.True(tokens.TryGetProperty("p50", out _) && tokens.TryGetProperty("p95", out _));

        var estimate = doc.RootElement.GetProperty("estimate");
        Assert.Equal(2, estimate.GetProperty("epochs").GetInt32());
        var billed = estimate.GetProperty("billed_tokens").GetInt64();
        Assert.Equal((total - max + 4096) * 2, billed); // the long example is billed up to the limit only
        Assert.Equal(Math.Round(billed * 8m / 1_000_000m, 4), estimate.GetProperty("cost_usd").GetDecimal());
        Assert.Equal("USD", estimate.GetProperty("currency").GetString());
        var over = estimate.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "FT6006");
        Assert.Equal(5, over.GetProperty("line").GetInt64());

        // The model findings count in the summary like the validator's own warnings (issue 11).
        var findings = estimate.GetProperty("warnings").EnumerateArray().Count(w => w.GetProperty("severity").GetString() == "warning");
        Assert.True(findings > 0);
        Assert.Equal(findings, doc.RootElement.GetProperty("warning_count").GetInt64());
        Assert.Contains(doc.RootElement.GetProperty("codes").EnumerateArray(), c => c.GetProperty("code").GetString() == "FT6006");
    }

    [Fact]
    public async Task Human_summary_counts_the_model_warnings()
    {
        var (_, human, _) = await Run("validate", _path, "--model", "gpt-3.5-turbo-0613");
        Assert.Matches(@"Warnings\s*│\s*[1-9]", human);
        Assert.Contains("FT6006", human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_epochs_azure_provider_and_the_human_table()
    {
        var (_, json, _) = await Run("validate", _path, "--model", "gpt-4.1-mini", "--provider", "azure", "--json");
        using var doc = JsonDocument.Parse(json);
        var estimate = doc.RootElement.GetProperty("estimate");
        Assert.Equal(8, estimate.GetProperty("epochs").GetInt32()); // 12 examples: 100 / 12 = 8
        Assert.True(estimate.GetProperty("epochs_auto").GetBoolean());
        Assert.Equal("azure", estimate.GetProperty("provider").GetString());
        Assert.Equal("o200k_base", doc.RootElement.GetProperty("tokens").GetProperty("encoding").GetString());

        var (_, human, _) = await Run("validate", _path, "--model", "gpt-4.1-mini");
        Assert.Contains("Billed tokens", human, StringComparison.Ordinal);
        Assert.Contains("8 (auto)", human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Epochs_without_model_is_a_usage_error()
    {
        var (code, _, error) = await Run("validate", _path, "--epochs", "3");
        Assert.Equal(2, code);
        Assert.Contains("--model", error, StringComparison.Ordinal);
    }
}
