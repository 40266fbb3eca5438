using System.Text.Json;

namespace FineTuning.Toolkit.Tests.Datasets.Dataprep;

/// <summary>A temporary folder deleted at the end of a test, with helpers for JSONL files.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        PathName = Path.Combine(Path.GetTempPath(), "ftk-dataprep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(PathName);
    }

    public string PathName { get; }

    public string File(string name) => Path.Combine(PathName, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string WriteLines(string name, IEnumerable<string> lines) => Write(name, string.Concat(lines.Select(l => l + "\n")));

    public static string ChatLine(string user, string assistant, object? metadata = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["messages"] = new object[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } },
            ["metadata"] = metadata,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    public static List<JsonElement> ReadJsonl(string path) =>
        [.. System.IO.File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public void Dispose()
    {
        try
        {
            Directory.Delete(PathName, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
