using System.Text.Json;
using FineTuning.Toolkit.Datasets.Privacy;

namespace FineTuning.Toolkit.Tests.Datasets.Privacy;

public sealed class SensitiveDataScannerTests
{
    private const string OpenAiKey = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12";

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("378282246310005", true)]
    [InlineData("1234567890123452", false)] // Luhn-valid, no issuer prefix
    [InlineData("4111-1111 1111-1111", false)] // mixed separators
    public void Card_numbers_need_luhn_prefix_and_grouping(string value, bool expected) =>
        Assert.Equal(expected, new SensitiveDataScanner().Scan($"card {value} ok").Any(m => m.Kind == SensitiveDataKind.CreditCard));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("DE89 3704 0044 0532 0130 01", false)] // checksum
    [InlineData("DE89 3704 0044 0532 0130", false)] // wrong length for DE
    [InlineData("GB82WEST12345698765432", true)]
    public void Ibans_need_country_length_and_mod97(string value, bool expected) =>
        Assert.Equal(expected, new SensitiveDataScanner().Scan($"pay {value} now").Any(m => m.Kind == SensitiveDataKind.Iban));

    [Fact]
    public void Redact_replaces_each_match_with_a_typed_placeholder()
    {
        var scanner = new SensitiveDataScanner();
        var text = $"Mail bob@example.com, call +1 415 555 0132, key {OpenAiKey}, ip 10.0.0.1.";
        Assert.Equal("Mail [EMAIL], call [PHONE], key [API_KEY], ip [IP].", scanner.Redact(text));
    }

    [Fact]
    public void Redacted_text_scans_clean()
    {
        var scanner = new SensitiveDataScanner();
        var text = $"{OpenAiKey} and 4111111111111111 and DE89370400440532013000 and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        var redacted = scanner.Redact(text);
        Assert.Empty(scanner.Scan(redacted));
        Assert.Equal("[API_KEY] and [CREDIT_CARD] and [IBAN] and [JWT]", redacted);
    }

    [Fact]
    public void Masked_excerpt_never_contains_the_secret()
    {
        var scanner = new SensitiveDataScanner();
        var text = $"here: {OpenAiKey} and mail me at alice@example.com";
        var matches = scanner.Scan(text);
        var key = Assert.Single(matches, m => m.Kind == SensitiveDataKind.ApiKey);
        var excerpt = scanner.MaskExcerpt(text, key, matches);
        Assert.DoesNotContain(OpenAiKey[8..], excerpt, StringComparison.Ordinal);
        Assert.Contains("sk-proj-", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.com", excerpt, StringComparison.Ordinal);
        Assert.Equal("openai-key", key.Detector);
    }

    [Fact]
    public void Card_excerpt_shows_only_the_last_four_digits()
    {
        var scanner = new SensitiveDataScanner();
        const string text = "card 5555 5555 5555 4444 exp";
        var matches = scanner.Scan(text);
        var excerpt = scanner.MaskExcerpt(text, matches[0], matches);
        Assert.Equal("card [CREDIT_CARD …4444] exp", excerpt);
    }

    [Fact]
    public void Allowed_values_and_kind_filter_are_honoured()
    {
        var scanner = new SensitiveDataScanner(new SensitiveDataScannerOptions
        {
            AllowedValues = ["support@contoso.com"],
            Kinds = [SensitiveDataKind.Email],
        });
        var matches = scanner.Scan("write to support@contoso.com or jane@contoso.com from 10.0.0.1");
        var match = Assert.Single(matches);
        Assert.Equal(SensitiveDataKind.Email, match.Kind);
        Assert.Equal(32, match.Start);
    }

    [Fact]
    public void Json_scan_reports_paths_and_redaction_keeps_the_structure()
    {
        using var doc = JsonDocument.Parse("""{"messages":[{"role":"user","content":"I am jane@example.com"},{"role":"assistant","content":"ok","weight":1}],"odd key":"10.1.2.3"}""");
        var scanner = new SensitiveDataScanner();
        var findings = JsonSensitiveData.Scan(scanner, doc.RootElement, 7).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(("$.messages[0].content", 7L, SensitiveDataKind.Email), (findings[0].JsonPath, findings[0].Line, findings[0].Kind));
        Assert.Equal("$['odd key']", findings[1].JsonPath);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Assert.Equal(2, JsonSensitiveData.WriteRedacted(scanner, doc.RootElement, writer));
        }

        Assert.Equal("""{"messages":[{"role":"user","content":"I am [EMAIL]"},{"role":"assistant","content":"ok","weight":1}],"odd key":"[IP]"}""", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Pem_block_with_newlines_is_one_match()
    {
        var scanner = new SensitiveDataScanner();
        const string text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nbye";
        var match = Assert.Single(scanner.Scan(text));
        Assert.Equal(SensitiveDataKind.PrivateKey, match.Kind);
        Assert.Equal("key:\n[PRIVATE_KEY]\nbye", scanner.Redact(text));
    }
}
