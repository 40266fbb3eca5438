using System.Diagnostics;
using System.Text.Json;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>
/// The .NET side of scripts/bench-tokenizers.sh: <c>count-file FILE ENCODING [ROUNDS]</c> times token counting of every
/// JSON string value of a JSONL file, ours and Microsoft.ML.Tokenizers alternating, and prints one JSON object per
/// measurement (CPU-time and wall-clock medians); <c>pathological</c> times single huge pieces.
/// </summary>
internal static class CountFileRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 1 && args[0] == "pathological")
        {
            Pathological();
            return 0;
        }

        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: count-file FILE ENCODING [ROUNDS] | pathological").ConfigureAwait(false);
            return 2;
        }

        string file = args[0];
        var encoding = TiktokenEncoding.Get(args[1]);
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        long fileBytes = new FileInfo(file).Length;

        // 1. Tokenization only, one thread, over the strings extracted beforehand (what the node script times):
        //    ours and Microsoft.ML.Tokenizers alternate (ABBA...) on the same strings; medians of the runs.
        var strings = new List<string>();
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            Collect(doc.RootElement, strings);
        }

        var peers = new TokenizerPeer[]
        {
            new("FineTuning.Toolkit CountTokens (strings in memory)", s => encoding.CountTokens(s)),
            MicrosoftTiktokenPeer.Create(encoding.Name),
        };
        foreach (var peer in peers)
        {
            foreach (var s in strings.Take(2_000))
            {
                peer.Count(s);
            }
        }

        var runs = peers.Select(_ => new List<TimedRun>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < peers.Length; k++)
            {
                int p = round % 2 == 0 ? k : peers.Length - 1 - k;
                runs[p].Add(TimedRun.Measure(peers[p], strings));
            }
        }

        for (int p = 0; p < peers.Length; p++)
        {
            PrintRuns(peers[p].Name, encoding.Name, runs[p], fileBytes);
        }

        // Count agreement string by string (untimed): how many strings get a different count from a peer than from ours.
        var ours = peers[0];
        for (int p = 1; p < peers.Length; p++)
        {
            long differing = 0;
            foreach (var s in strings)
            {
                if (peers[p].Count(s) != ours.Count(s))
                {
                    differing++;
                }
            }

            Console.WriteLine(JsonSerializer.Serialize(new { agreement = peers[p].Name, with = ours.Name, encoding = encoding.Name, strings = strings.Count, stringsDiffering = differing }));
        }

        strings.Clear();
        strings.TrimExcess();
        GC.Collect();

        // 2. The whole file, streamed: read + JSON parse + count, with 1 and 2 workers.
        foreach (int threads in new[] { 1, 2 })
        {
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            var result = await TokenCounter.CountFileAsync(file, encoding, threads, CancellationToken.None).ConfigureAwait(false);
            sw.Stop();
            Print("FineTuning.Toolkit TokenCounter.CountFileAsync (read + parse + count)", encoding.Name, threads, result.Tokens, sw.Elapsed.TotalSeconds, CpuSeconds() - cpu, fileBytes);
        }

        return 0;
    }

    private static void Pathological()
    {
        foreach (var encoding in new[] { TiktokenEncoding.O200kBase, TiktokenEncoding.Cl100kBase })
        {
            var peers = new[] { new TokenizerPeer("FineTuning.Toolkit", s => encoding.CountTokens(s)), MicrosoftTiktokenPeer.Create(encoding.Name) };
            foreach (var peer in peers)
            {
                peer.Count("warm up");
                foreach (var (name, c) in new[] { ("1 MB of 'x'", 'x'), ("1 MB of spaces", ' '), ("1 MB of '9'", '9'), ("1 MB of 'é'", 'é') })
                {
                    var text = new string(c, 1 << 20);
                    var cpu = CpuSeconds();
                    var sw = Stopwatch.StartNew();
                    int tokens = peer.Count(text);
                    sw.Stop();
                    Console.WriteLine(JsonSerializer.Serialize(new { tokenizer = peer.Name, input = name, encoding = encoding.Name, tokens, seconds = sw.Elapsed.TotalSeconds, cpuSeconds = CpuSeconds() - cpu }));
                }
            }
        }
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
        }
    }

    internal static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void PrintRuns(string name, string encoding, List<TimedRun> runs, long fileBytes)
    {
        var tokens = runs.Select(static r => r.Tokens).Distinct().ToArray();
        if (tokens.Length != 1)
        {
            throw new InvalidOperationException($"{name} counted different totals on the same input: {string.Join(", ", tokens)}");
        }

        double seconds = Median(runs.Select(static r => r.Seconds));
        double cpuSeconds = Median(runs.Select(static r => r.CpuSeconds));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            tokenizer = name,
            encoding,
            threads = 1,
            tokens = tokens[0],
            seconds,
            cpuSeconds,
            fileBytes,
            mbPerSecond = fileBytes / 1048576.0 / seconds,
            tokensPerSecond = tokens[0] / seconds,
            runs = runs.Count,
            cpuSecondsRuns = runs.Select(static r => Math.Round(r.CpuSeconds, 3)).ToArray(),
            allocatedBytesPerRun = Median(runs.Select(static r => (double)r.AllocatedBytes)),
        }));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Print(string name, string encoding, int threads, long tokens, double seconds, double cpuSeconds, long fileBytes) =>
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            tokenizer = name,
            encoding,
            threads,
            tokens,
            seconds,
            cpuSeconds,
            fileBytes,
            mbPerSecond = fileBytes / 1048576.0 / seconds,
            tokensPerSecond = tokens / seconds,
            runs = 1,
        }));
}
