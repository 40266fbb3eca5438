using System.Text;
using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Tokenization;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>
/// Token counting and encoding throughput on mixed-script chat text, and on single pathological pieces; ours against
/// Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/> (a benchmark peer only) on the same inputs.
/// </summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private string _mixed = string.Empty;
    private string _megabyteOfX = string.Empty;
    private string _megabyteOfSpaces = string.Empty;
    private TiktokenEncoding _encoding = TiktokenEncoding.O200kBase;
    private TiktokenTokenizer _microsoft = null!;

    /// <summary>The encoding under test.</summary>
    [Params("o200k_base", "cl100k_base")]
    public string Encoding { get; set; } = "o200k_base";

    /// <summary>Builds the inputs and loads the rank table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _encoding = TiktokenEncoding.Get(Encoding);
        var parts = new[]
        {
            "The customer asked whether their order could be shipped before Friday; I'd say we'll manage. ",
            "您好，感谢您的订单。我们已经收到您的付款。",
            "Здравствуйте, спасибо за ваш заказ! ",
            "मरहबा नमस्ते आपके ऑर्डर के लिए धन्यवाद। ",
            "var total = items.Sum(i => i.Price * i.Quantity);\n    Console.WriteLine($\"{total:C}\");\n",
            "Order #102934 costs $431.20 👍🏽 🚚\n\n",
        };
        var sb = new StringBuilder();
        for (int i = 0; sb.Length < 1 << 20; i++)
        {
            sb.Append(parts[i % parts.Length]);
        }

        _mixed = sb.ToString();
        _megabyteOfX = new string('x', 1 << 20);
        _megabyteOfSpaces = new string(' ', 1 << 20);
        _encoding.CountTokens("warm up");
        _microsoft = MicrosoftTiktokenPeer.Tokenizer(Encoding);
        _microsoft.CountTokens("warm up");
    }

    /// <summary>Counts 1 MB (UTF-16 chars) of mixed-script text.</summary>
    [Benchmark(Baseline = true)]
    public int CountMixedMegabyte() => _encoding.CountTokens(_mixed);

    /// <summary>Encodes 1 MB of mixed-script text to ids.</summary>
    [Benchmark]
    public int EncodeMixedMegabyte() => _encoding.Encode(_mixed).Length;

    /// <summary>One piece of 1 MB of 'x' (tiktoken's quadratic worst case).</summary>
    [Benchmark]
    public int CountMegabyteOfX() => _encoding.CountTokens(_megabyteOfX);

    /// <summary>One piece of 1 MB of spaces.</summary>
    [Benchmark]
    public int CountMegabyteOfSpaces() => _encoding.CountTokens(_megabyteOfSpaces);

    /// <summary>Microsoft.ML.Tokenizers counts the same 1 MB of mixed-script text.</summary>
    [Benchmark]
    public int MicrosoftCountMixedMegabyte() => _microsoft.CountTokens(_mixed);

    /// <summary>Microsoft.ML.Tokenizers encodes the same 1 MB of mixed-script text to ids.</summary>
    [Benchmark]
    public int MicrosoftEncodeMixedMegabyte() => _microsoft.EncodeToIds(_mixed).Count;

    /// <summary>Microsoft.ML.Tokenizers on one piece of 1 MB of 'x'.</summary>
    [Benchmark]
    public int MicrosoftCountMegabyteOfX() => _microsoft.CountTokens(_megabyteOfX);
}
