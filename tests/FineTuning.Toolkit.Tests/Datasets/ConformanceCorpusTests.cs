using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>
/// Real public fine-tuning files (TestData/Conformance, see its README.md): each must get the verdict the platform documentation
/// implies. A rule that rejects a file the platform accepts is a bug in the rule.
/// </summary>
public sealed class ConformanceCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Conformance");

    private static IEnumerable<JsonElement> Entries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        return [.. document.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone())];
    }

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var entry in Entries())
        {
            data.Add(entry.GetProperty("file").GetString()!, entry.GetProperty("profile").GetString()!, entry.GetProperty("validate_as").GetString()!);
        }

        return data;
    }

    [Fact]
    public void Manifest_covers_every_kind_with_sources_and_licences()
    {
        var entries = Entries().ToList();
        Assert.True(entries.Select(e => e.GetProperty("file").GetString()).Distinct().Count() >= 30);
        foreach (var kind in new[] { "chat", "tools", "vision", "dpo", "rft", "legacy" })
        {
            Assert.Contains(entries, e => e.GetProperty("kind").GetString() == kind);
        }

        Assert.Contains(entries, e => !e.GetProperty("expected").GetProperty("valid").GetBoolean());
        foreach (var entry in entries)
        {
            var source = entry.GetProperty("source");
            Assert.Matches("^[0-9a-f]{40}$", source.GetProperty("commit").GetString());
            Assert.Equal("MIT", source.GetProperty("license").GetString());
            Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("reason").GetString()));
            var info = new FileInfo(Path.Combine(Folder, entry.GetProperty("file").GetString()!));
            Assert.True(info.Exists && info.Length <= 205 * 1024, info.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Real_file_gets_the_documented_verdict(string file, string profile, string validateAs)
    {
        var entry = Entries().Single(e => e.GetProperty("file").GetString() == file && e.GetProperty("profile").GetString() == profile);
        var expected = entry.GetProperty("expected");
        Assert.True(ValidationProfile.TryGetByName(profile, out var rules));
        var report = await DatasetValidator.ValidateAsync(Path.Combine(Folder, file), new DatasetValidationOptions
        {
            Profile = rules,
            IsValidationFile = validateAs == "validation",
        });

        var detail = $"{file} ({profile}, {validateAs}): {string.Join(" | ", report.Diagnostics.Take(10))}";
        Assert.True(expected.GetProperty("valid").GetBoolean() == report.IsValid, detail);
        Assert.True(Codes(expected, "errors").SetEquals(Codes(report, DiagnosticSeverity.Error)), detail);
        Assert.True(Codes(expected, "warnings").SetEquals(Codes(report, DiagnosticSeverity.Warning)), detail);
    }

    private static HashSet<string> Codes(JsonElement expected, string name) =>
        [.. expected.GetProperty(name).EnumerateArray().Select(c => c.GetString()!)];

    private static HashSet<string> Codes(DatasetValidationReport report, DiagnosticSeverity severity) =>
        [.. report.Codes.Where(c => c.Severity == severity).Select(c => c.Code)];
}
