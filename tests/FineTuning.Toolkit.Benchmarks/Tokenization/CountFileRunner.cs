using System.Diagnostics;
using System.Text.Json;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>
/// The .NET side of scripts/bench-tokenizers.sh: <c>count-file FILE ENCODING</c> times token counting of every JSON
/// string value of a JSONL file and prints one JSON object per measurement; <c>pathological</c> times single huge pieces.
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
            await Console.Error.WriteLineAsync("usage: count-file FILE ENCODING | pathological").ConfigureAwait(false);
            return 2;
        }

        string file = args[0];
        var encoding = TiktokenEncoding.Get(args[1]);
        long fileBytes = new FileInfo(file).Length;
        encoding.CountTokens("warm up the rank table");

        // 1. Tokenization only, one thread, over the strings extracted beforehand (what the node script times).
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

        for (int round = 0; round < 2; round++)
        {
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            long tokens = 0;
            foreach (var s in strings)
            {
                tokens += encoding.CountTokens(s);
            }

            sw.Stop();
            if (round == 1)
            {
                Print("FineTuning.Toolkit CountTokens (strings in memory)", encoding.Name, 1, tokens, sw.Elapsed.TotalSeconds, CpuSeconds() - cpu, fileBytes);
            }
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
            encoding.CountTokens("warm up");
            foreach (var (name, c) in new[] { ("1 MB of 'x'", 'x'), ("1 MB of spaces", ' '), ("1 MB of '9'", '9'), ("1 MB of 'é'", 'é') })
            {
                var text = new string(c, 1 << 20);
                var cpu = CpuSeconds();
                var sw = Stopwatch.StartNew();
                int tokens = encoding.CountTokens(text);
                sw.Stop();
                Console.WriteLine(JsonSerializer.Serialize(new { input = name, encoding = encoding.Name, tokens, seconds = sw.Elapsed.TotalSeconds, cpuSeconds = CpuSeconds() - cpu }));
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

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

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
        }));
}
