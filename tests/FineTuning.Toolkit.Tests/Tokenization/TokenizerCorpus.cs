using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Tests.Tokenization;

/// <summary>The hard-case corpus with the ids OpenAI's tiktoken produced (TestData/Tokenization/expected-ids.json, made by tools/tokenizer).</summary>
internal static class TokenizerCorpus
{
    private static readonly Lazy<IReadOnlyList<CorpusCase>> s_cases = new(Load);

    public static IReadOnlyList<CorpusCase> Cases => s_cases.Value;

    private static IReadOnlyList<CorpusCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Tokenization", "expected-ids.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<CorpusCase>();
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text;
            if (element.TryGetProperty("text", out var t))
            {
                text = t.GetString()!;
            }
            else if (element.TryGetProperty("repeat", out var r))
            {
                var unit = r.GetString()!;
                var count = element.GetProperty("count").GetInt32();
                text = new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();
            }
            else
            {
                text = new string([.. element.GetProperty("utf16").EnumerateArray().Select(static u => (char)u.GetInt32())]);
            }

            list.Add(new CorpusCase(
                element.GetProperty("name").GetString()!,
                text,
                [.. element.GetProperty("o200k_base").EnumerateArray().Select(static e => e.GetInt32())],
                [.. element.GetProperty("cl100k_base").EnumerateArray().Select(static e => e.GetInt32())]));
        }

        return list;
    }
}
