using System.Text;
using FineTuning.Toolkit.Testing.Internal;
using OpenAI.Chat;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>Issue 16: sampling, data-shaped training curves, checkpoints and streaming.</summary>
public sealed class RealismTests
{
    private const string Prompt = "Classify the sentiment of 'it is fine I guess'. Options: positive, negative, neutral, mixed";

    [Fact]
    public async Task Sampling_varies_above_temperature_zero_and_is_reproducible()
    {
        async Task<List<string>> SampleAsync(float temperature)
        {
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Seed = 7 });
            var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");
            var answers = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                ChatCompletion c = await chat.CompleteChatAsync([new UserChatMessage(Prompt)], new ChatCompletionOptions { Temperature = temperature });
                answers.Add(c.Content[0].Text);
            }

            return answers;
        }

        var hot = await SampleAsync(1.0f);
        Assert.True(hot.Distinct().Count() > 1);
        Assert.Equal(hot, await SampleAsync(1.0f));
        Assert.Single((await SampleAsync(0f)).Distinct());
    }

    [Fact]
    public async Task Request_seed_makes_a_hot_sample_repeatable()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");
#pragma warning disable OPENAI001
        var options = new ChatCompletionOptions { Temperature = 1.0f, Seed = 42 };
#pragma warning restore OPENAI001
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await chat.CompleteChatAsync([new UserChatMessage(Prompt)], options)).Value.Content[0].Text);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public void Many_epochs_on_few_examples_overfit_and_large_data_does_not()
    {
        double Valid(int examples, double epochs) => TrainingCurve.For(examples, epochs).ValidLoss;
        Assert.True(Valid(10, 20) > Valid(10, 3) + 0.5);
        Assert.True(TrainingCurve.For(10, 20).TrainLoss < TrainingCurve.For(10, 3).TrainLoss);
        Assert.True(Valid(10_000, 4) <= Valid(10_000, 2));
        Assert.True(TrainingCurve.UsefulEpochs(10) < TrainingCurve.UsefulEpochs(10_000));
    }

    [Fact]
    public async Task Validation_loss_turns_up_in_a_job_with_many_epochs_on_few_examples()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, StepsPerEpoch = 1 });
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var train = (await files.UploadFileAsync(TrainingData.Chat(12), "t.jsonl", FileUploadPurpose.FineTune)).Value.Id;
        var valid = (await files.UploadFileAsync(TrainingData.Chat(10), "v.jsonl", FileUploadPurpose.FineTune)).Value.Id;
        using var http = Raw.Client(emulator);
        var (_, job, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs",
            $$$"""{"model":"gpt-4o-mini","training_file":"{{{train}}}","validation_file":"{{{valid}}}","hyperparameters":{"n_epochs":20}}""");
        clock.Advance(TimeSpan.FromHours(6));
        var events = (await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{job["id"]}/events?limit=1000")).Body["data"]!.AsArray();
        var losses = events.Where(e => (string?)e!["type"] == "metrics")
            .Select(e => (Step: (int)e!["data"]!["step"]!, Loss: (double)e["data"]!["full_valid_loss"]!))
            .OrderBy(p => p.Step).Select(p => p.Loss).ToList();
        Assert.Equal(20, losses.Count);
        var best = losses.IndexOf(losses.Min());
        Assert.InRange(best, 1, 8);
        Assert.True(losses[^1] > losses[best] + 0.5);
    }

    [Fact]
    public void Earlier_checkpoints_answer_more_like_the_base_model()
    {
        var answers = Enumerable.Range(0, 200).ToDictionary(i => PromptKey.Normalize(TrainingData.Prompt(i)), TrainingData.Reply, StringComparer.Ordinal);
        int Trained(double fraction)
        {
            var model = new StoredModel { Id = "ft:x:ckpt-" + fraction, Created = 0, OwnedBy = "o", BaseModel = "gpt-4o-mini-2024-07-18", IsFineTuned = true, TrainedAnswers = answers, TrainedFraction = fraction };
            return Enumerable.Range(0, 200).Count(i => ChatResponder.Answer(1, model, TrainingData.Prompt(i), null, 0) == TrainingData.Reply(i));
        }

        var early = Trained(1 / 3.0);
        var middle = Trained(2 / 3.0);
        Assert.True(early < middle, $"{early} < {middle}");
        Assert.True(middle < Trained(1.0));
        Assert.Equal(200, Trained(1.0));
    }

    [Fact]
    public async Task Streaming_chat_works_with_the_sdk_and_reports_usage_last()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Temperature = 0 };
        ChatCompletion whole = await chat.CompleteChatAsync([new UserChatMessage("Tell me about fine-tuning.")], options);

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Tell me about fine-tuning.")], options))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.TotalTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task Stream_is_server_sent_events_ending_in_done()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        using var content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("chat/completions", content);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("data: ", l, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", lines[^1]);
        var last = System.Text.Json.Nodes.JsonNode.Parse(lines[^2]["data: ".Length..])!;
        Assert.Empty(last["choices"]!.AsArray());
        Assert.True((int)last["usage"]!["total_tokens"]! > 0);
        var first = System.Text.Json.Nodes.JsonNode.Parse(lines[0]["data: ".Length..])!;
        Assert.Equal("chat.completion.chunk", (string?)first["object"]);
        Assert.Null(first["usage"]);
    }
}
