using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

internal static class TrainingData
{
    public static string Prompt(int i) => $"What is the capital of country number {i}?";

    public static string Reply(int i) => $"The capital of country {i} is City{i}.";

    public static BinaryData Chat(int count = 12)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.AppendLine(JsonSerializer.Serialize(new
            {
                messages = new object[]
                {
                    new { role = "system", content = "You are a geography assistant." },
                    new { role = "user", content = Prompt(i) },
                    new { role = "assistant", content = Reply(i) },
                },
            }));
        }

        return BinaryData.FromString(builder.ToString());
    }

    public static BinaryData Preference(int count = 12)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.AppendLine(JsonSerializer.Serialize(new
            {
                input = new { messages = new object[] { new { role = "user", content = Prompt(i) } } },
                preferred_output = new object[] { new { role = "assistant", content = Reply(i) } },
                non_preferred_output = new object[] { new { role = "assistant", content = "I don't know." } },
            }));
        }

        return BinaryData.FromString(builder.ToString());
    }
}
