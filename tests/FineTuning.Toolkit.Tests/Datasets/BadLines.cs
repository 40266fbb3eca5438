using System.Text;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>A chat JSONL file with every kind of bad line a reader must survive: a BOM, CRLF endings, a lone surrogate escape, invalid UTF-8 and an empty line.</summary>
internal static class BadLines
{
    /// <summary>Line 1 and line 5 are good chat examples; 2 holds <c>"\ud800"</c> at <see cref="SurrogatePath"/>; 3 is invalid UTF-8; 4 is empty.</summary>
    public static byte[] Chat()
    {
        var bytes = new List<byte>([0xEF, 0xBB, 0xBF]);
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"first question\"},{\"role\":\"assistant\",\"content\":\"answer one\"}]}\r\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"cut \\ud800 emoji\"},{\"role\":\"assistant\",\"content\":\"x\"}]}\r\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"caf"));
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"},{\"role\":\"assistant\",\"content\":\"y\"}]}\r\n"));
        bytes.AddRange("\r\n"u8.ToArray());
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"second question\"},{\"role\":\"assistant\",\"content\":\"answer two\"}]}\r\n"));
        return [.. bytes];
    }

    /// <summary>The JSON path of the lone surrogate in line 2.</summary>
    public const string SurrogatePath = "$.messages[0].content";

    /// <summary>Writes <see cref="Chat"/> to a new file in <paramref name="folder"/>.</summary>
    public static string WriteChat(string folder, string name = "bad.jsonl")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, Chat());
        return path;
    }
}
