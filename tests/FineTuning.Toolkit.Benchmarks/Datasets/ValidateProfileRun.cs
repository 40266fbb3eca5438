using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Benchmarks.Datasets;

/// <summary>
/// <c>FineTuning.Toolkit.Benchmarks validate-profile FILE [ROUNDS=5]</c>: where a warm <c>DatasetValidator</c> pass spends its
/// time. Times (CPU, median of ROUNDS after one warm-up) the whole pass and its parts on their own: reading lines, a
/// <c>Utf8JsonReader</c> read-through, <c>JsonDocument.Parse</c>, the XXH3 duplicate hash. The first (cold) pass is printed too.
/// </summary>
internal static class ValidateProfileRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args[1];
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var bytes = await File.ReadAllBytesAsync(path);
        var parts = new (string Name, Func<Task> Run)[]
        {
            ("validate (whole pass)", () => DatasetValidator.ValidateAsync(path)),
            ("validate, no duplicates", () => DatasetValidator.ValidateAsync(path, new DatasetValidationOptions { DetectDuplicates = false })),
            ("read lines only", async () => { await foreach (var r in JsonlReader.ReadAsync(path, new JsonlReaderOptions { ParseJson = false })) { } }),
            ("Utf8JsonReader read-through", () => { ForEachLine(bytes, static line => { var reader = new Utf8JsonReader(line); while (reader.Read()) { } }); return Task.CompletedTask; }),
            ("JsonDocument.Parse", () => { ForEachLine(bytes, static line => { using var d = JsonDocument.Parse(line.ToArray()); }); return Task.CompletedTask; }),
            ("XXH3 64 per line", () => { ForEachLine(bytes, static line => StableHash.Hash64(line)); return Task.CompletedTask; }),
        };
        foreach (var (name, run) in parts)
        {
            var cold = await Cpu(run);
            var times = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                times.Add(await Cpu(run));
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} first {cold:F3} s, warm median {times[times.Count / 2]:F3} s (CPU)"));
        }

        return 0;
    }

    private delegate void LineAction(ReadOnlySpan<byte> line);

    private static void ForEachLine(byte[] bytes, LineAction action)
    {
        var span = bytes.AsSpan();
        while (span.Length > 0)
        {
            var nl = span.IndexOf((byte)'\n');
            var line = nl < 0 ? span : span[..nl];
            if (line.Length > 0)
            {
                action(line);
            }

            span = nl < 0 ? default : span[(nl + 1)..];
        }
    }

    private static async Task<double> Cpu(Func<Task> run)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await run();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }
}
