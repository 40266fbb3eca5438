using System.Text.Json;
using FineTuning.Toolkit.Datasets.Privacy;
using Xunit.Abstractions;

namespace FineTuning.Toolkit.Tests.Datasets.Privacy;

/// <summary>
/// Precision and recall of every detector kind on <c>TestData/Privacy/public-formats.jsonl</c>, a labelled set written from
/// public formats before the detectors were measured on it (each line names its source). The floors are deliberately below
/// the measured values: the set is not tuned to the detectors, and the test guards against regressions, not for 100 %.
/// </summary>
public sealed class SensitiveDataPublicFormatsTests(ITestOutputHelper output)
{
    private static readonly string DataPath = Path.Combine(AppContext.BaseDirectory, "TestData", "Privacy", "public-formats.jsonl");

    [Fact]
    public void Every_line_names_its_source()
    {
        foreach (var line in File.ReadLines(DataPath))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("source").GetString()), line);
        }
    }

    [Fact]
    public void Precision_and_recall_per_kind_on_public_formats()
    {
        var scanner = new SensitiveDataScanner();
        var stats = Enum.GetValues<SensitiveDataKind>().ToDictionary(k => k, _ => (Tp: 0, Fp: 0, Fn: 0));
        var mistakes = new List<string>();
        foreach (var line in File.ReadLines(DataPath))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString()!;
            var expected = doc.RootElement.GetProperty("kinds").EnumerateArray().Select(k => Enum.Parse<SensitiveDataKind>(k.GetString()!)).ToHashSet();
            var found = scanner.Scan(text).Select(m => m.Kind).ToHashSet();
            foreach (var kind in Enum.GetValues<SensitiveDataKind>())
            {
                var s = stats[kind];
                switch (found.Contains(kind), expected.Contains(kind))
                {
                    case (true, true): s.Tp++; break;
                    case (true, false): s.Fp++; mistakes.Add($"false positive {kind}: {text}"); break;
                    case (false, true): s.Fn++; mistakes.Add($"missed {kind}: {text}"); break;
                }

                stats[kind] = s;
            }
        }

        var results = new Dictionary<SensitiveDataKind, (double Precision, double Recall)>();
        foreach (var (kind, s) in stats)
        {
            var precision = s.Tp + s.Fp == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fp);
            var recall = s.Tp + s.Fn == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fn);
            results[kind] = (precision, recall);
            output.WriteLine($"{kind,-11} precision {precision:P1} recall {recall:P1} (tp {s.Tp}, fp {s.Fp}, fn {s.Fn})");
        }

        mistakes.ForEach(output.WriteLine);
        foreach (var (kind, (precision, recall)) in results)
        {
            Assert.True(precision >= 0.85, $"{kind} precision {precision:P1}: {string.Join(" | ", mistakes)}");
            Assert.True(recall >= 0.80, $"{kind} recall {recall:P1}: {string.Join(" | ", mistakes)}");
        }
    }
}
