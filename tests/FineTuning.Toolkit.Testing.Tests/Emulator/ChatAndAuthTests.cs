using System.ClientModel;
using System.Net;
using OpenAI;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class ChatAndAuthTests
{
    [Fact]
    public async Task Chat_at_temperature_zero_is_deterministic_and_reports_usage()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Temperature = 0 };
        ChatCompletion first = await chat.CompleteChatAsync([new UserChatMessage("Tell me about fine-tuning.")], options);
        ChatCompletion second = await chat.CompleteChatAsync([new UserChatMessage("Tell me about fine-tuning.")], options);
        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
        Assert.True(first.Usage.InputTokenCount > 0);
        Assert.True(first.Usage.OutputTokenCount > 0);
        Assert.Equal(first.Usage.InputTokenCount + first.Usage.OutputTokenCount, first.Usage.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, first.FinishReason);
    }

    [Fact]
    public async Task Classification_prompt_gets_one_of_the_listed_options()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");
        ChatCompletion result = await chat.CompleteChatAsync([new UserChatMessage("Classify the sentiment of 'great product'. Options: positive, negative, neutral")]);
        Assert.Contains(result.Content[0].Text, new[] { "positive", "negative", "neutral" });
    }

    [Fact]
    public async Task Unknown_model_is_404_model_not_found()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-unknown");
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_key_is_401_with_the_error_envelope_and_a_request_id()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = new OpenAIClient(new ApiKeyCredential("sk-wrong"), new OpenAIClientOptions { Endpoint = emulator.BaseUrl });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, error.Status);
        var raw = error.GetRawResponse()!;
        Assert.Contains("invalid_api_key", raw.Content.ToString(), StringComparison.Ordinal);
        Assert.True(raw.Headers.TryGetValue("x-request-id", out var id) && id!.StartsWith("req_", StringComparison.Ordinal));
        Assert.DoesNotContain("sk-wrong", raw.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_flavour_uses_api_key_header_and_openai_v1_prefix()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        Assert.EndsWith("/openai/v1/", emulator.AzureBaseUrl.AbsoluteUri, StringComparison.Ordinal);
        var chat = emulator.CreateAzureFlavoredClient().GetChatClient("gpt-4o-mini");
        ChatCompletion result = await chat.CompleteChatAsync([new UserChatMessage("hello")]);
        Assert.False(string.IsNullOrEmpty(result.Content[0].Text));
        Assert.Contains(emulator.State.GetRequests(), r => r.Azure && r.Path == "/v1/chat/completions" && r.StatusCode == 200);

        using var http = Raw.Client(emulator, azure: true);
        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Get, "models");
        Assert.Equal(200, status);
        Assert.Equal("list", (string?)body["object"]);
    }

    [Fact]
    public async Task Unknown_route_is_404_in_the_envelope()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = Raw.Client(emulator);
        var (status, body, response) = await Raw.SendAsync(http, HttpMethod.Get, "nothing/here");
        Assert.Equal((int)HttpStatusCode.NotFound, status);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.True(response.Headers.Contains("x-request-id"));
    }
}
