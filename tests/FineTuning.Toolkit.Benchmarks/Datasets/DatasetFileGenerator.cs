using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Benchmarks.Datasets;

/// <summary>Generates realistic chat JSONL files of a given size in the temp folder (never committed).</summary>
internal static class DatasetFileGenerator
{
    public static string Ensure(long megabytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ftk-bench-chat-{megabytes.ToString(CultureInfo.InvariantCulture)}mb.jsonl");
        var target = megabytes * 1024 * 1024;
        if (File.Exists(path) && new FileInfo(path).Length >= target)
        {
            return path;
        }

        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            long written = 0;
            var i = 0;
            while (written < target)
            {
                i++;
                var line = i % 10 == 0
                    ? $"{{\"messages\":[{{\"role\":\"system\",\"content\":\"You are a weather bot.\"}},{{\"role\":\"user\",\"content\":\"Weather in city {i}?\"}},{{\"role\":\"assistant\",\"tool_calls\":[{{\"id\":\"call_{i}\",\"type\":\"function\",\"function\":{{\"name\":\"get_weather\",\"arguments\":\"{{\\\"city\\\":\\\"c{i}\\\"}}\"}}}}]}},{{\"role\":\"tool\",\"tool_call_id\":\"call_{i}\",\"content\":\"{{\\\"celsius\\\":{i % 40}}}\"}},{{\"role\":\"assistant\",\"content\":\"It is {i % 40} degrees.\",\"weight\":1}}],\"tools\":[{{\"type\":\"function\",\"function\":{{\"name\":\"get_weather\",\"parameters\":{{\"type\":\"object\",\"properties\":{{\"city\":{{\"type\":\"string\"}}}}}}}}}}]}}"
                    : $"{{\"messages\":[{{\"role\":\"system\",\"content\":\"Reply user's question as accurately as possible.\"}},{{\"role\":\"user\",\"content\":\"Question {i}: Flora has been experiencing frequent fractures. Dr. Juan has asked her to drink {i % 500} gallons of milk within 3 weeks. How many gallons must Flora drink daily? Solution:\"}},{{\"role\":\"assistant\",\"content\":\" 3 weeks translate to 3 * 7 days = <<3*7=21>>21 days. To meet the recommendation she drinks {i % 500}/21 gallons daily. Café naïve ünïcödé text keeps the parser honest. #### {i}\"}}]}}";
                writer.Write(line);
                writer.Write('\n');
                written += Encoding.UTF8.GetByteCount(line) + 1;
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
