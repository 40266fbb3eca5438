using System.Text.Json;
using FineTuning.Toolkit.Datasets.Privacy;
using Xunit.Abstractions;

namespace FineTuning.Toolkit.Tests.Datasets.Privacy;

/// <summary>Precision and recall of every detector on a committed, labelled set of positives and tricky negatives.</summary>
public sealed class SensitiveDataDetectorAccuracyTests(ITestOutputHelper output)
{
    private static readonly string DataPath = Path.Combine(AppContext.BaseDirectory, "TestData", "Privacy", "labelled-strings.jsonl");

    private static List<(string Text, HashSet<SensitiveDataKind> Kinds)> Load()
    {
        var rows = new List<(string, HashSet<SensitiveDataKind>)>();
        foreach (var line in File.ReadLines(DataPath))
        {
            using var doc = JsonDocument.Parse(line);
            var kinds = doc.RootElement.GetProperty("kinds").EnumerateArray().Select(k => Enum.Parse<SensitiveDataKind>(k.GetString()!)).ToHashSet();
            rows.Add((doc.RootElement.GetProperty("text").GetString()!, kinds));
        }

        return rows;
    }

    [Fact]
    public void Labelled_set_is_large_and_mostly_tricky_negatives()
    {
        var rows = Load();
        Assert.True(rows.Count >= 200, $"only {rows.Count} labelled strings");
        Assert.True(rows.Count(r => r.Kinds.Count == 0) >= 100);
        foreach (var kind in Enum.GetValues<SensitiveDataKind>())
        {
            Assert.True(rows.Count(r => r.Kinds.Contains(kind)) >= 5, $"fewer than 5 positives for {kind}");
        }
    }

    [Fact]
    public void Every_detector_meets_its_precision_and_recall_floor()
    {
        var scanner = new SensitiveDataScanner();
        var failures = new List<string>();
        var stats = Enum.GetValues<SensitiveDataKind>().ToDictionary(k => k, _ => (Tp: 0, Fp: 0, Fn: 0));
        foreach (var (text, expected) in Load())
        {
            var found = scanner.Scan(text).Select(m => m.Kind).ToHashSet();
            foreach (var kind in Enum.GetValues<SensitiveDataKind>())
            {
                var s = stats[kind];
                if (found.Contains(kind) && expected.Contains(kind))
                {
                    s.Tp++;
                }
                else if (found.Contains(kind))
                {
                    s.Fp++;
                    failures.Add($"false positive {kind}: {text}");
                }
                else if (expected.Contains(kind))
                {
                    s.Fn++;
                    failures.Add($"missed {kind}: {text}");
                }

                stats[kind] = s;
            }
        }

        foreach (var (kind, s) in stats)
        {
            var precision = s.Tp + s.Fp == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fp);
            var recall = s.Tp + s.Fn == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fn);
            output.WriteLine($"{kind,-11} precision {precision:P1} recall {recall:P1} (tp {s.Tp}, fp {s.Fp}, fn {s.Fn})");
        }

        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        foreach (var (kind, s) in stats)
        {
            var precision = s.Tp + s.Fp == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fp);
            var recall = s.Tp + s.Fn == 0 ? 1.0 : (double)s.Tp / (s.Tp + s.Fn);
            Assert.True(precision >= 0.95, $"{kind} precision {precision:P1} below 95%: {string.Join(" | ", failures)}");
            Assert.True(recall >= 0.90, $"{kind} recall {recall:P1} below 90%: {string.Join(" | ", failures)}");
        }
    }
}
