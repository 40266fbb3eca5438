using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Costs;

public sealed class ModelsCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Models_table_lists_both_providers_with_prices_and_dates()
    {
        var (code, output, error) = await Run("models");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("gpt-4o-mini-2024-07-18", output, StringComparison.Ordinal);
        Assert.Contains("azure", output, StringComparison.Ordinal);
        Assert.Contains("$100.00/h", output, StringComparison.Ordinal);     // RFT billed by time
        Assert.Contains("2027-01-06*", output, StringComparison.Ordinal);   // OpenAI wind-down, uncertain
        Assert.Contains("65,536", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_json_filters_by_provider_and_carries_sources()
    {
        var (code, output, _) = await Run("models", "--provider", "azure", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.NotEmpty(models);
        Assert.All(models, m =>
        {
            Assert.Equal("azure", m.GetProperty("provider").GetString());
            Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("source").GetString()));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", m.GetProperty("as_of").GetString()!);
        });
        var gpt41 = models.Single(m => m.GetProperty("id").GetString() == "gpt-4.1-2025-04-14");
        Assert.Equal(25m, gpt41.GetProperty("pricing").GetProperty("training_per_1m_tokens").GetDecimal());
        Assert.Equal("2027-10-14", gpt41.GetProperty("lifecycle").GetProperty("fine_tuned_retires_on").GetString());
        Assert.Contains("developer", gpt41.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { "supervised", "dpo", "vision" }, gpt41.GetProperty("methods").EnumerateArray().Select(x => x.GetString()).ToArray());
    }

    [Fact]
    public async Task Unknown_provider_is_a_usage_error()
    {
        var (code, _, error) = await Run("models", "--provider", "nope");
        Assert.Equal(2, code);
        Assert.Contains("no models for provider 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_before_today_are_shown_as_past()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var root = new System.CommandLine.RootCommand { FineTuning.Toolkit.Cli.Commands.Models.ModelsCommand.Create(clock) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(["models", "--provider", "openai"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("2026-10-23* (past)", text, StringComparison.Ordinal);   // ft-o4-mini and friends removed 2026-10-23
        Assert.DoesNotContain("2027-01-14* (past)", text, StringComparison.Ordinal);
        Assert.Contains("(past) = before today, 2026-12-03", text, StringComparison.Ordinal);

        clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        using var later = new StringWriter();
        await root.Parse(["models", "--provider", "openai"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = later, Error = error });
        Assert.Contains("2027-01-14* (past)", later.ToString(), StringComparison.Ordinal);
    }
}
