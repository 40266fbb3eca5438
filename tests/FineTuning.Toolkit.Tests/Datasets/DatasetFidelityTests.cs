using System.Text;
using FineTuning.Toolkit.Datasets;
using static FineTuning.Toolkit.Tests.Datasets.DatasetValidatorCatalogueTests;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>Regressions of issue 11: the validator must agree with the platform on real files.</summary>
public sealed class DatasetFidelityTests
{
    private const string Tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"quote\",\"parameters\":{\"type\":\"object\"}}}]";

    private static string Call(string id) => "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"quote\",\"arguments\":\"{\\\"s\\\":\\\"MSFT\\\"}\"}}";

    private static string Lines(string line, int count = 12) => string.Concat(Enumerable.Range(1, count).Select(_ => line + "\n"));

    [Fact]
    public async Task Final_assistant_tool_call_without_tool_reply_is_the_training_target()
    {
        // The shape of OpenAI's cookbook function-calling data and Foundry's tool-calling samples.
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"price?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + Call("c1") + "," + Call("c2") + "]}]," + Tools + "}";
        var report = await ValidateAsync(Lines(line), new DatasetValidationOptions { DetectDuplicates = false });
        Assert.True(report.IsValid, string.Join(" | ", report.Diagnostics));
        Assert.Equal(0, report.WarningCount);
    }

    [Fact]
    public async Task Earlier_unanswered_tool_call_is_a_warning_only()
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"price?\"},{\"role\":\"assistant\",\"tool_calls\":[" + Call("c1") + "]},"
            + "{\"role\":\"user\",\"content\":\"never mind\"},{\"role\":\"assistant\",\"content\":\"ok\"}]," + Tools + "}";
        var report = await ValidateAsync(Lines(line), new DatasetValidationOptions { DetectDuplicates = false });
        Assert.True(report.IsValid);
        var warning = Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.UnansweredToolCall && d.Line == 1);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("$.messages[1].tool_calls[0].id", warning.Path);
    }

    [Fact]
    public async Task Tool_message_answering_nothing_stays_an_error()
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\",\"tool_call_id\":\"zz\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, line));
        Assert.Contains(report.Errors, d => d.Code == DatasetDiagnosticCodes.UnmatchedToolMessage && d.Path == "$.messages[1].tool_call_id");
    }

    [Theory]
    [InlineData("a0 <\\u007cendoftext|>", "<|endoftext|>")]
    [InlineData("\\u003c\\u007cendoftext\\u007c\\u003e", "<|endoftext|>")]
    [InlineData("x \\u003C|im_start|> y", "<|im_start|>")]
    [InlineData("<\\u007Cfim_suffix\\u007C>", "<|fim_suffix|>")]
    public async Task Escaped_reserved_token_is_found_in_the_decoded_text(string escaped, string token)
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"" + escaped + "\"}]}";
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, line));
        var error = Assert.Single(report.Errors, d => d.Code == DatasetDiagnosticCodes.ReservedToken);
        Assert.Equal("$.messages[1].content", error.Path);
        Assert.Contains(token, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<|start|>")]
    [InlineData("<|channel|>")]
    [InlineData("<|message|>")]
    [InlineData("<|end|>")]
    [InlineData("<|return|>")]
    [InlineData("<|call|>")]
    [InlineData("<|constrain|>")]
    public async Task Harmony_token_is_an_error_for_gpt_oss_and_a_warning_otherwise(string token)
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"x " + token + " y\"}]}";
        var text = FileWith(DatasetFormat.Chat, line);

        var plain = await ValidateAsync(text);
        Assert.True(plain.IsValid);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(plain.Diagnostics, d => d.Code == DatasetDiagnosticCodes.ReservedToken).Severity);

        var gptOss = await ValidateAsync(text, new DatasetValidationOptions { Model = "gpt-oss-20b" });
        Assert.Contains(gptOss.Errors, d => d.Code == DatasetDiagnosticCodes.ReservedToken && d.Message.Contains(token, StringComparison.Ordinal));

        var openWeight = await ValidateAsync(text, new DatasetValidationOptions { Profile = ValidationProfile.AzureOpenWeight });
        Assert.Contains(openWeight.Errors, d => d.Code == DatasetDiagnosticCodes.ReservedToken);
    }

    [Fact]
    public void Reserved_tokens_one_implementation_for_validator_and_emulator()
    {
        Assert.Equal("<|endoftext|>", ReservedTokens.Find("a <|endoftext|>", model: "gpt-4.1-mini-2025-04-14"));
        Assert.Null(ReservedTokens.Find("a <|channel|>", model: "gpt-4.1-mini-2025-04-14"));
        Assert.Equal("<|channel|>", ReservedTokens.Find("a <|channel|>", model: "gpt-oss-20b"));
        Assert.Null(ReservedTokens.Find("< |endoftext| >", model: null));
        Assert.True(ReservedTokens.MightContain("\"<\\u007cendoftext|>\""u8));
        Assert.True(ReservedTokens.MightContain("\"\\u003cx\""u8));
        Assert.False(ReservedTokens.MightContain("\"caf\\u00e9 | <b>\""u8));
    }

    [Fact]
    public void The_reserved_token_pre_test_never_misses_a_decoded_token_under_any_escaping()
    {
        // Random texts over the characters that matter, written as JSON strings with every mix of escapes (\u003c, \u003C,
        // \u007c, \u007C, an escaped backslash, other escapes): whenever the decoded text holds "<|", the pre-test must say so.
        var random = new Random(11);
        var alphabet = new[] { '<', '|', '\\', 'u', '0', '3', '7', 'c', 'C', 'a', ' ', '"', '\n' };
        var misses = 0;
        var clean = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var json = new StringBuilder("\"");
            foreach (var c in text)
            {
                json.Append(c switch
                {
                    '<' => random.Next(3) switch { 0 => "<", 1 => "\\u003c", _ => "\\u003C" },
                    '|' => random.Next(3) switch { 0 => "|", 1 => "\\u007c", _ => "\\u007C" },
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '\n' => "\\n",
                    'a' => random.Next(2) == 0 ? "a" : "\\u0061",
                    _ => c.ToString(),
                });
            }

            var raw = Encoding.UTF8.GetBytes(json.Append('"').ToString());
            Assert.Equal(text, System.Text.Json.JsonSerializer.Deserialize<string>(raw));
            if (text.Contains("<|", StringComparison.Ordinal))
            {
                misses += ReservedTokens.MightContain(raw) ? 0 : 1;
            }
            else if (!ReservedTokens.MightContain(raw))
            {
                clean++;
            }
        }

        Assert.Equal(0, misses);
        Assert.True(clean > 10_000, $"the pre-test should clear most texts without a token ({clean})");
    }

    [Fact]
    public async Task Line_level_read_errors_use_the_root_path()
    {
        var text = string.Concat(Enumerable.Range(1, 11).Select(i => ChatLine(i) + "\n"))
            + "{\"messages\": [,]}\n" + "{\"messages\": [{\"role\":";
        var report = await ValidateAsync(text);
        Assert.Equal("$", Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.InvalidJson).Path);
        Assert.Equal("$", Assert.Single(report.Diagnostics, d => d.Code == DatasetDiagnosticCodes.TruncatedLastLine).Path);
        Assert.All(report.Diagnostics.Where(d => d.Line > 0 && d.Severity == DiagnosticSeverity.Error), d => Assert.StartsWith("$", d.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validation_file_has_no_ten_example_minimum()
    {
        var text = string.Concat(Enumerable.Range(1, 4).Select(i => ChatLine(i) + "\n"));
        Assert.Contains((await ValidateAsync(text)).Errors, d => d.Code == DatasetDiagnosticCodes.TooFewExamples);
        var validation = await ValidateAsync(text, new DatasetValidationOptions { IsValidationFile = true });
        Assert.True(validation.IsValid, string.Join(" | ", validation.Diagnostics));
        Assert.Contains((await ValidateAsync(string.Empty, new DatasetValidationOptions { IsValidationFile = true })).Errors, d => d.Code == DatasetDiagnosticCodes.EmptyFile);
    }

    [Fact]
    public async Task Add_diagnostics_counts_later_findings_in_the_summary()
    {
        var report = await ValidateAsync(string.Concat(Enumerable.Range(1, 12).Select(i => ChatLine(i) + "\n")));
        Assert.Equal(0, report.WarningCount);
        report.AddDiagnostics(
        [
            DatasetDiagnostic.Warning("FT6006", 5, "$", "over the limit", "shorten it"),
            DatasetDiagnostic.Warning("FT6006", 7, "$", "over the limit", "shorten it"),
            DatasetDiagnostic.Warning("FT6003", 0, string.Empty, "retires soon", "plan"),
        ]);
        Assert.Equal(3, report.WarningCount);
        Assert.True(report.IsValid);
        Assert.Equal(2, report.Codes.Single(c => c.Code == "FT6006").Count);
        Assert.Equal(5, report.Codes.Single(c => c.Code == "FT6006").FirstLine);
        Assert.Contains("\"warning_count\":3", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal([5L, 7L, 0L], report.Diagnostics.Select(d => d.Line));
    }

    [Theory]
    [InlineData("openai", null, "openai")]
    [InlineData(null, null, "openai")]
    [InlineData("azure", "gpt-4.1-mini-2025-04-14", "azure")]
    [InlineData("azure", "gpt-oss-20b", "azure-oss")]
    [InlineData("Azure", "Ministral-3B", "azure-oss")]
    [InlineData("azure", "Llama-3.3-70B-Instruct", "azure-oss")]
    [InlineData("together", null, "together")]
    public void For_provider_picks_the_profile(string? provider, string? model, string expected) =>
        Assert.Equal(expected, ValidationProfile.ForProvider(provider, model).Name);

    [Fact]
    public void For_provider_takes_the_configured_provider()
    {
        Assert.Same(ValidationProfile.OpenAI, ValidationProfile.ForProvider((FineTuningProvider?)null));
        Assert.Same(ValidationProfile.OpenAI, ValidationProfile.ForProvider(FineTuningProvider.Compatible, "gpt-oss-20b"));
        Assert.Same(ValidationProfile.Azure, ValidationProfile.ForProvider(FineTuningProvider.Azure, "gpt-4.1-2025-04-14"));
        Assert.Same(ValidationProfile.AzureOpenWeight, ValidationProfile.ForProvider(FineTuningProvider.Azure, "gpt-oss-20b"));
    }

    [Fact]
    public async Task Together_system_message_after_the_turns_is_an_error()
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, line), new DatasetValidationOptions { Profile = ValidationProfile.Together });
        Assert.Contains(report.Errors, d => d.Code == DatasetDiagnosticCodes.RolesNotAlternating && d.Path == "$.messages[2].role");
        Assert.True((await ValidateAsync(FileWith(DatasetFormat.Chat, line))).IsValid);
    }

    [Fact]
    public async Task Azure_open_weight_refuses_images()
    {
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://e.com/x.png\"}}]},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        Assert.True((await ValidateAsync(FileWith(DatasetFormat.Chat, line), new DatasetValidationOptions { Profile = ValidationProfile.Azure })).IsValid);
        var report = await ValidateAsync(FileWith(DatasetFormat.Chat, line), new DatasetValidationOptions { Profile = ValidationProfile.AzureOpenWeight });
        Assert.Contains(report.Errors, d => d.Code == DatasetDiagnosticCodes.TooManyImages);
    }
}
