using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Batch;
using FineTuning.Toolkit.Evaluation.Cache;
using FineTuning.Toolkit.Evaluation.Items;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

/// <summary>The one request mapping: captured bodies, cache keys and batch lines.</summary>
public sealed class RequestMappingTests
{
    private static readonly EvalItem Item = new("q1", [new(ChatRole.System, "Be terse."), new(ChatRole.User, "Capital of France?")]);

    private static async Task<(string Body, string Key)> CaptureAsync(EvalTarget target, int sample = 0)
    {
        var options = target.CreateChatOptions();
        var body = await ChatRequestCapture.CaptureAsync(target.ModelId, Item.Input, options, CancellationToken.None);
        return (Encoding.UTF8.GetString(body), EvalResponseCache.ComputeKey(target.Name, body, sample));
    }

    private static EvalTarget Target(string name = "t") => new(name, new FakeChatClient((_, _, _) => "x"), "gpt-4o-mini") { Temperature = 0.2f, MaxOutputTokens = 30, Seed = 3 };

    [Fact]
    public async Task Capture_is_the_chat_completions_body_with_every_option()
    {
        var (body, _) = await CaptureAsync(Target() with { StopSequences = ["##"], JsonResponse = true, IncludeLogProbabilities = true, TopLogProbabilities = 3, TopP = 0.5f });
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
        Assert.Equal("system", root.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(0.5, root.GetProperty("top_p").GetDouble(), 3);
        Assert.True(root.GetProperty("logprobs").GetBoolean());
        Assert.Equal(3, root.GetProperty("top_logprobs").GetInt32());
        Assert.Equal("##", root.GetProperty("stop")[0].GetString());
        Assert.Equal("json_object", root.GetProperty("response_format").GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("stream", out _));
        Assert.DoesNotContain('\n', body);
    }

    [Fact]
    public async Task Cache_key_is_stable_and_changes_with_options_target_and_sample()
    {
        var (_, key) = await CaptureAsync(Target());
        Assert.Equal(key, (await CaptureAsync(Target())).Key);
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotEqual(key, (await CaptureAsync(Target() with { Temperature = 0.3f })).Key);
        Assert.NotEqual(key, (await CaptureAsync(Target() with { IncludeLogProbabilities = true })).Key);
        Assert.NotEqual(key, (await CaptureAsync(Target("other"))).Key);
        Assert.NotEqual(key, (await CaptureAsync(Target(), sample: 1)).Key);
    }

    [Fact]
    public async Task Batch_line_wraps_the_captured_body_byte_for_byte()
    {
        var options = Target().CreateChatOptions();
        var body = await ChatRequestCapture.CaptureAsync("gpt-4o-mini", Item.Input, options, CancellationToken.None);
        var line = BatchEvalRunner.BuildLine("t/q1/0", body);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("t/q1/0", json.RootElement.GetProperty("custom_id").GetString());
        Assert.Equal("/v1/chat/completions", json.RootElement.GetProperty("url").GetString());
        Assert.Equal(Encoding.UTF8.GetString(body), json.RootElement.GetProperty("body").GetRawText());
    }
}
