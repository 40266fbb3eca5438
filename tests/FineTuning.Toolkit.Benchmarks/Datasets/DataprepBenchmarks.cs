using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Datasets.Privacy;

namespace FineTuning.Toolkit.Benchmarks.Datasets;

/// <summary>
/// Throughput of the privacy scan and of de-duplication over a synthetic chat corpus of about 4 MB (support tickets with
/// numbers, some e-mails, phones, cards and keys). MB/s = <see cref="CorpusBytes"/> / mean time.
/// Run: <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- --filter *DataprepBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DataprepBenchmarks
{
    private List<string> _texts = [];
    private List<JsonElement> _examples = [];

    /// <summary>Gets the corpus size in UTF-8 bytes (printed in the global setup).</summary>
    public long CorpusBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        string[] words = ["order", "invoice", "refund", "the", "customer", "asked", "about", "shipping", "to", "Lisbon", "price", "was", "$25.00", "in", "2024", "version", "2.1.3", "ticket", "#48213", "please", "help", "with", "my", "account", "billing", "address", "changed", "yesterday"];
        string[] sensitive = ["ann.smith@example.com", "+1 415 555 0132", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "10.0.0.12", "sk-proj-Zx81Qw72Er63Ty54Ui45Op36As27Df18Gh09Jk"];
        var lines = new List<string>();
        long bytes = 0;
        var i = 0;
        while (bytes < 4_000_000)
        {
            var user = new StringBuilder();
            for (var w = 0; w < 60; w++)
            {
                user.Append(words[random.Next(words.Length)]).Append(' ');
            }

            if (i % 10 == 0)
            {
                user.Append(sensitive[random.Next(sensitive.Length)]);
            }

            var line = JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = user.ToString() }, new { role = "assistant", content = $"Answer number {i % 500} for you." } } });
            lines.Add(line);
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
            i++;
        }

        CorpusBytes = bytes;
        _texts = lines;
        _examples = [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        Console.WriteLine($"// corpus: {lines.Count} examples, {bytes / 1_000_000.0:F2} MB");
    }

    [Benchmark(Description = "scan (all detectors), 4 MB")]
    public int Scan()
    {
        var scanner = new SensitiveDataScanner();
        var count = 0;
        foreach (var example in _examples)
        {
            count += JsonSensitiveData.Scan(scanner, example, 1).Count();
        }

        return count;
    }

    [Benchmark(Description = "dedupe exact, 4 MB")]
    public int DedupeExact() => Dedupe(null);

    [Benchmark(Description = "dedupe exact + near (MinHash 128, LSH), 4 MB")]
    public int DedupeNear() => Dedupe(new NearDuplicateOptions());

    private int Dedupe(NearDuplicateOptions? near)
    {
        var finder = new DuplicateFinder(new TextNormalizationOptions(), near, DeduplicationScope.WholeExample);
        var duplicates = 0;
        for (var i = 0; i < _examples.Count; i++)
        {
            if (finder.Observe(i + 1, _examples[i]) is not null)
            {
                duplicates++;
            }
        }

        return duplicates;
    }
}
