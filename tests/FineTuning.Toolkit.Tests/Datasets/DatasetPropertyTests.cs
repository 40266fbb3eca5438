using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FsCheck;
using FsCheck.Fluent;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>Arbitrary bytes and arbitrary schema-like JSON never crash the reader, the typed parser or the validator: they give diagnostics.</summary>
public sealed class DatasetPropertyTests
{
    private static readonly string[] Keys =
    [
        "messages", "role", "content", "name", "weight", "tool_calls", "tool_call_id", "id", "type", "function", "arguments",
        "tools", "parallel_tool_calls", "functions", "function_call", "refusal", "input", "preferred_output", "non_preferred_output",
        "prompt", "completion", "text", "image_url", "url", "detail", "reference_answer", "parameters", "strict",
    ];

    private static readonly string[] Strings =
    [
        "system", "user", "assistant", "tool", "function", "developer", "text", "image_url", "", " ", "c1", "{}", "{\"a\":1}",
        "<|endoftext|>", "https://e.com/x.png", "data:image/png;base64,iVBORw0KGgo=", "data:image/gif;base64,@@", "low", "héllo 👋",
    ];

    private static void WriteRandom(Utf8JsonWriter writer, Random random, int depth)
    {
        var choice = depth > 4 ? random.Next(5) : random.Next(8);
        switch (choice)
        {
            case 0: writer.WriteStringValue(Strings[random.Next(Strings.Length)]); break;
            case 1: writer.WriteNumberValue(random.Next(-2, 3) + (random.Next(4) == 0 ? 0.5 : 0)); break;
            case 2: writer.WriteBooleanValue(random.Next(2) == 0); break;
            case 3: writer.WriteNullValue(); break;
            case 4: writer.WriteStringValue(Strings[random.Next(Strings.Length)]); break;
            case 5:
                writer.WriteStartArray();
                for (var i = random.Next(4); i > 0; i--) WriteRandom(writer, random, depth + 1);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                for (var i = random.Next(5); i > 0; i--)
                {
                    writer.WritePropertyName(Keys[random.Next(Keys.Length)] + (random.Next(10) == 0 ? "_x" : string.Empty));
                    WriteRandom(writer, random, depth + 1);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static string RandomLine(int seed)
    {
        var random = new Random(seed);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                writer.WritePropertyName(Keys[random.Next(Keys.Length)]);
                WriteRandom(writer, random, 0);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Arbitrary_bytes_never_crash_reader_or_validator()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<int>(), (bytes, seed) =>
        {
            // Sprinkle newlines and JSON-ish bytes so that lines, BOMs and CRs occur.
            var random = new Random(seed);
            var data = bytes.Select(b => random.Next(6) switch { 0 => (byte)'\n', 1 => (byte)'{', 2 => (byte)'\r', _ => b }).ToArray();
            if (random.Next(4) == 0) data = [0xEF, 0xBB, 0xBF, .. data];
            using var stream = new MemoryStream(data);
            var report = DatasetValidator.ValidateAsync(stream).GetAwaiter().GetResult();
            var lines = data.Count(b => b == (byte)'\n') + (data.Length > 0 && data[^1] != (byte)'\n' ? 1 : 0);
            return report.LineCount <= lines && report.ErrorCount > 0 && report.Diagnostics.All(d => d.Line >= 0 && d.Line <= report.LineCount);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_json_never_crashes_validator_or_parser_and_parsed_examples_round_trip()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var lines = Enumerable.Range(0, 12).Select(i => RandomLine(unchecked(seed * 31 + i))).ToList();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
            foreach (var format in Enum.GetValues<DatasetFormat>())
            {
                stream.Position = 0;
                var report = DatasetValidator.ValidateAsync(stream, new DatasetValidationOptions { Format = format }).GetAwaiter().GetResult();
                if (report.ExampleCount != 12) return false;
            }

            foreach (var line in lines)
            {
                using var document = JsonDocument.Parse(line);
                foreach (var format in Enum.GetValues<DatasetFormat>())
                {
                    if (DatasetExample.TryParse(document.RootElement, format, out var example, out var error))
                    {
                        var json = example.ToJson();
                        if (DatasetExample.Parse(json, example.Format).ToJson() != json) return false;
                    }
                    else if (error is null || error.Path.Length == 0)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Built_chat_examples_always_validate()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString[]>(), texts =>
        {
            var usable = texts.Select(t => t.Get).Where(t => !string.IsNullOrWhiteSpace(t) && !t.Contains("<|", StringComparison.Ordinal)).Take(6).ToList();
            if (usable.Count == 0) return true;
            var lines = Enumerable.Range(0, 10).Select(i =>
            {
                var builder = new ChatExampleBuilder().System("s" + i);
                foreach (var text in usable)
                {
                    builder.User(text).Assistant(text + i);
                }

                return builder.Build().ToJson();
            });
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
            var report = DatasetValidator.ValidateAsync(stream).GetAwaiter().GetResult();
            return report.IsValid && report.WarningCount == 0 && report.Format == DatasetFormat.Chat;
        }).QuickCheckThrowOnFailure();
    }
}
