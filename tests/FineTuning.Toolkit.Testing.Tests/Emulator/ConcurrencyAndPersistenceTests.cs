using OpenAI.Chat;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class ConcurrencyAndPersistenceTests
{
    [Fact]
    public async Task Hundreds_of_concurrent_requests_with_faults_keep_the_state_consistent()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            Seed = 3,
            Faults = "POST /v1/files: 500@10%; GET *: 503@10%; POST /v1/chat/completions: 429@10%",
        });
        var client = emulator.CreateOpenAIClient(maxRetries: 0);
        var files = client.GetOpenAIFileClient();
        var chat = client.GetChatClient("gpt-4o-mini");
        var uploaded = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = Enumerable.Range(0, 300).Select(async i =>
        {
            try
            {
                switch (i % 3)
                {
                    case 0:
                        uploaded.Add((await files.UploadFileAsync(TrainingData.Chat(10), $"f{i}.jsonl", FileUploadPurpose.FineTune)).Value.Id);
                        break;
                    case 1:
                        await chat.CompleteChatAsync([new UserChatMessage($"question {i}")]);
                        break;
                    default:
                        await files.GetFilesAsync();
                        break;
                }
            }
            catch (System.ClientModel.ClientResultException ex) when (ex.Status is 429 or 500 or 503)
            {
            }
        });
        await Task.WhenAll(tasks);

        var stored = emulator.State.GetFiles();
        Assert.Equal(uploaded.Order(), stored.Select(f => f.Id).Order());
        Assert.Equal(stored.Count, stored.Select(f => f.Id).Distinct().Count());
        Assert.True(emulator.Faults.TotalInjected > 0);
        Assert.Equal(300, emulator.State.GetRequests().Count);
        var injected = emulator.State.GetRequests().Count(r => r.Fault is not null);
        Assert.Equal(emulator.Faults.TotalInjected, injected);
    }

    [Fact]
    public async Task State_folder_keeps_files_jobs_and_fine_tuned_models_across_restarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ftk-emulator-" + Guid.NewGuid().ToString("N"));
        try
        {
            string model;
            string fileId;
            var clock = new EmulatorClock();
            await using (var first = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, DataDirectory = folder, StepsPerEpoch = 2 }))
            {
                var client = first.CreateOpenAIClient();
                fileId = (await client.GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(), "t.jsonl", FileUploadPurpose.FineTune)).Value.Id;
                await client.GetFineTuningClient().FineTuneAsync("gpt-4o-mini", fileId, false);
                clock.Advance(TimeSpan.FromHours(2));
                model = first.State.GetJobs().Single().FineTunedModel!;
            }

            await using var second = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = folder });
            Assert.Contains(second.State.GetFiles(), f => f.Id == fileId);
            Assert.Equal(model, second.State.GetJobs().Single().FineTunedModel);
            ChatCompletion answer = await second.CreateOpenAIClient().GetChatClient(model).CompleteChatAsync([new UserChatMessage(TrainingData.Prompt(4))]);
            Assert.Equal(TrainingData.Reply(4), answer.Content[0].Text);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
