using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Testing;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

/// <summary>Trains a model on the emulator (which memorises the training replies) and builds matching eval items.</summary>
internal static class EmulatorTraining
{
    public const string BaseModel = "gpt-4o-mini";

    public static string Prompt(int i) => $"Which team owns ticket {i}?";

    public static string Reply(int i) => $"Team {(char)('A' + (i % 5))}";

    public static BinaryData ChatFile(int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.AppendLine(JsonSerializer.Serialize(new
            {
                messages = new object[]
                {
                    new { role = "system", content = "Route the ticket." },
                    new { role = "user", content = Prompt(i) },
                    new { role = "assistant", content = Reply(i) },
                },
            }));
        }
        return BinaryData.FromString(builder.ToString());
    }

    public static List<EvalItem> Items(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new EvalItem($"t{i}", [new(Microsoft.Extensions.AI.ChatRole.System, "Route the ticket."), new(Microsoft.Extensions.AI.ChatRole.User, Prompt(i))]) { Reference = Reply(i) })];

    public static OpenAIEmulatorOptions FastOptions(EmulatorClock clock) => new()
    {
        TimeProvider = clock,
        ValidatingDuration = TimeSpan.FromSeconds(1),
        QueuedDuration = TimeSpan.FromSeconds(1),
        StepsPerEpoch = 2,
        StepDuration = TimeSpan.FromSeconds(1),
    };

    /// <summary>Uploads <paramref name="count"/> examples, trains, moves the clock until the job succeeds, returns the model id.</summary>
    public static async Task<string> TrainAsync(OpenAIEmulator emulator, EmulatorClock clock, int count = 20)
    {
#pragma warning disable OPENAI001
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(ChatFile(count), "train.jsonl", FileUploadPurpose.FineTune);
        var job = await client.GetFineTuningClient().FineTuneAsync(BaseModel, file.Value.Id, waitUntilCompleted: false);
        for (var i = 0; i < 100 && job.Status != FineTuningStatus.Succeeded; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await job.UpdateStatusAsync();
        }
        Assert.Equal(FineTuningStatus.Succeeded, job.Status);
        return emulator.State.GetJobs().Last().FineTunedModel!;
#pragma warning restore OPENAI001
    }

    public static OpenAIClient Client(OpenAIEmulator emulator) => emulator.CreateOpenAIClient(maxRetries: 0);

    /// <summary>The toolkit's one connection to the emulator (its retry policy with short waits, or none).</summary>
    public static ProviderConnection Connection(OpenAIEmulator emulator, int maxRetries = 0, OpenAIClient? customClient = null) =>
        ProviderConnection.Create(
            new FineTuningToolkitOptions
            {
                Provider = FineTuningProvider.OpenAI,
                Endpoint = emulator.BaseUrl,
                ApiKey = emulator.ApiKey,
                UseEnvironmentVariables = false,
                Retry = new FineTuningRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) },
            },
            TimeProvider.System,
            null,
            customClient);
}
