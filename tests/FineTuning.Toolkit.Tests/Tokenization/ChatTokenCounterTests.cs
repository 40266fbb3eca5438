using System.Buffers.Binary;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Tokenization;

public sealed class ChatTokenCounterTests
{
    private static readonly TiktokenEncoding s_o200k = TiktokenEncoding.O200kBase;

    private static int T(string text) => s_o200k.CountTokens(text);

    [Fact]
    public void Chat_example_uses_the_documented_per_message_overheads()
    {
        var example = (ChatExample)DatasetExample.Parse(
            """{"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hi there","name":"bob"},{"role":"assistant","content":"Hello!"}]}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example);

        int system = 3 + T("system") + T("You are terse.");
        int user = 3 + T("user") + T("Hi there") + T("bob") + 1;
        int assistant = 3 + T("assistant") + T("Hello!");
        Assert.Equal(system + user + assistant + 3, counts.TotalTokens);
        Assert.Equal(system, counts.SystemTokens);
        Assert.Equal(user, counts.UserTokens);
        Assert.Equal(assistant, counts.AssistantTokens);
        Assert.Equal(T("Hello!"), counts.TrainedTokens);
        Assert.Equal(T("Hello!"), counts.AssistantContentTokens);
        Assert.Equal(3, counts.PrimingTokens);
        Assert.Equal(3, counts.Messages);
        Assert.Equal((1, 1, 1), (counts.SystemMessages, counts.UserMessages, counts.AssistantMessages));

        // A hand-checked value: o200k tokens: "system"=1, "You are terse."=4, "user"=1, "Hi there"=2, "bob"=1, "assistant"=1, "Hello!"=2.
        Assert.Equal((3 + 1 + 4) + (3 + 1 + 2 + 1 + 1) + (3 + 1 + 2) + 3, counts.TotalTokens);
    }

    [Fact]
    public void Weight_zero_assistant_turns_are_billed_but_not_trained()
    {
        var example = (ChatExample)DatasetExample.Parse(
            """{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"first answer","weight":0},{"role":"user","content":"b"},{"role":"assistant","content":"second answer","weight":1}]}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example);
        Assert.Equal(T("second answer"), counts.TrainedTokens);
        Assert.Equal(T("first answer") + T("second answer"), counts.AssistantContentTokens);
        Assert.Equal(2 * (3 + T("assistant")) + T("first answer") + T("second answer"), counts.AssistantTokens);
    }

    [Fact]
    public void Tool_calls_and_tool_messages_are_counted()
    {
        var example = (ChatExample)DatasetExample.Parse(
            """{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"18C"},{"role":"assistant","content":"18C in Paris."}]}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example);
        int call = 3 + T("get_weather") + T("{\"city\":\"Paris\"}");
        Assert.Equal(call + T("18C in Paris."), counts.TrainedTokens);
        Assert.Equal(3 + T("tool") + T("18C"), counts.ToolTokens);
        Assert.Equal(1, counts.ToolMessages);
    }

    [Fact]
    public void Tool_definitions_follow_the_cookbook_rule()
    {
        var example = (ChatExample)DatasetExample.Parse(
            """{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather.","parameters":{"type":"object","properties":{"location":{"type":"string","description":"City."},"unit":{"type":"string","enum":["c","f"]}}}}}]}""");
        var o200k = new ChatTokenCounter(s_o200k).Count(example);
        int expected = 7 + T("get_weather:Get weather") + 3
            + 3 + T("location:string:City")
            + 3 + (-3) + (3 + T("c")) + (3 + T("f")) + T("unit:string:")
            + 12;
        Assert.Equal(expected, o200k.ToolDefinitionTokens);
        Assert.Equal(o200k.SystemTokens + o200k.UserTokens + o200k.AssistantTokens + o200k.ToolTokens + o200k.ToolDefinitionTokens + 3, o200k.TotalTokens);

        // cl100k models start each function with 10 tokens instead of 7.
        var cl100k = new ChatTokenCounter(TiktokenEncoding.Cl100kBase).Count(example);
        Assert.True(cl100k.ToolDefinitionTokens > 0);
    }

    [Fact]
    public void Images_cost_85_in_low_detail_and_tiles_in_high_detail()
    {
        var png = "data:image/png;base64," + Convert.ToBase64String(PngHeader(2048, 4096));
        var example = new ChatExample(
        [
            new TrainingMessage(TrainingRole.User, new TrainingContent(
            [
                TrainingContentPart.FromText("Describe"),
                TrainingContentPart.FromImageUrl("https://example.com/a.png", "low"),
                TrainingContentPart.FromImageUrl(png, "high"),
                TrainingContentPart.FromImageUrl("https://example.com/b.png"),
            ])),
            TrainingMessage.Assistant("A cat."),
        ]);
        var counts = new ChatTokenCounter(s_o200k).Count(example);
        Assert.Equal(3, counts.Images);
        Assert.Equal(85 + 1105 + 765, counts.ImageTokens);
        Assert.Equal(1, counts.ImagesOfAssumedSize);
        Assert.Equal(3 + T("user") + T("Describe") + counts.ImageTokens, counts.UserTokens);
    }

    [Theory]
    [InlineData(1024, 1024, "high", 765)]
    [InlineData(2048, 4096, "high", 1105)]
    [InlineData(4096, 8192, "low", 85)]
    [InlineData(512, 512, "auto", 255)]
    [InlineData(100, 3000, null, 765)]
    public void Image_token_rule_matches_OpenAIs_examples(int width, int height, string? detail, int expected)
    {
        Assert.Equal(expected, ImageTokenCalculator.Count(width, height, detail));
    }

    [Fact]
    public void Image_sizes_are_read_from_png_gif_jpeg_and_webp_headers()
    {
        Assert.True(ImageTokenCalculator.TryReadSize(PngHeader(640, 480), out int w, out int h));
        Assert.Equal((640, 480), (w, h));

        byte[] gif = [.. "GIF89a"u8, 0x20, 0x03, 0x58, 0x02];
        Assert.True(ImageTokenCalculator.TryReadSize(gif, out w, out h));
        Assert.Equal((800, 600), (w, h));

        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0, 0, 0, 0];
        Assert.True(ImageTokenCalculator.TryReadSize(jpeg, out w, out h));
        Assert.Equal((640, 480), (w, h));

        var webp = new byte[30];
        "RIFF"u8.CopyTo(webp);
        "WEBPVP8X"u8.CopyTo(webp.AsSpan(8));
        webp[24] = 0x7F; webp[25] = 0x02; // width - 1 = 639
        webp[27] = 0xDF; webp[28] = 0x01; // height - 1 = 479
        Assert.True(ImageTokenCalculator.TryReadSize(webp, out w, out h));
        Assert.Equal((640, 480), (w, h));

        Assert.False(ImageTokenCalculator.TryReadDataUrlSize("https://example.com/x.png", out _, out _));
        Assert.False(ImageTokenCalculator.TryReadDataUrlSize("data:image/png;base64,!!!!", out _, out _));
    }

    [Fact]
    public void Preference_examples_count_the_input_once_and_both_outputs()
    {
        var example = (PreferenceExample)DatasetExample.Parse(
            """{"input":{"messages":[{"role":"user","content":"Hi"}]},"preferred_output":[{"role":"assistant","content":"Hello there!"}],"non_preferred_output":[{"role":"assistant","content":"Go away."}]}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example);
        int preferred = 3 + T("assistant") + T("Hello there!");
        int nonPreferred = 3 + T("assistant") + T("Go away.");
        Assert.Equal(preferred, counts.PreferredOutputTokens);
        Assert.Equal(nonPreferred, counts.NonPreferredOutputTokens);
        Assert.Equal(3 + T("user") + T("Hi") + preferred + nonPreferred + 3, counts.TotalTokens);
    }

    [Fact]
    public void Reinforcement_examples_do_not_count_grader_fields()
    {
        var example = (ReinforcementExample)DatasetExample.Parse(
            """{"messages":[{"role":"developer","content":"Solve."},{"role":"user","content":"2+2"}],"reference_answer":"4 is the long reference answer"}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example);
        Assert.Equal((3 + T("developer") + T("Solve.")) + (3 + T("user") + T("2+2")) + 3, counts.TotalTokens);
        Assert.Equal(1, counts.SystemMessages);
    }

    [Fact]
    public void Completion_examples_count_prompt_and_completion()
    {
        var counts = new ChatTokenCounter(TiktokenEncoding.Cl100kBase).Count(new CompletionExample("Q: 2+2?", " 4"));
        var cl = TiktokenEncoding.Cl100kBase;
        Assert.Equal(cl.CountTokens("Q: 2+2?") + cl.CountTokens(" 4"), counts.TotalTokens);
        Assert.Equal(cl.CountTokens(" 4"), counts.TrainedTokens);
    }

    [Fact]
    public void Breakdown_converts_to_the_cost_estimators_counts()
    {
        var example = (ChatExample)DatasetExample.Parse("""{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b c","weight":0}]}""");
        var counts = new ChatTokenCounter(s_o200k).Count(example).ToExampleTokenCounts(7);
        Assert.Equal(7, counts.LineNumber);
        Assert.Equal(0, counts.TrainedTokens);
        Assert.Equal(T("b c"), counts.AssistantTokens);
        Assert.Equal(2, counts.Messages);
    }

    [Fact]
    public void ForModel_picks_the_encoding()
    {
        Assert.Same(TiktokenEncoding.Cl100kBase, ChatTokenCounter.ForModel("gpt-3.5-turbo-0125").Encoding);
        Assert.Same(TiktokenEncoding.O200kBase, ChatTokenCounter.ForModel("gpt-4.1-mini-2025-04-14").Encoding);
    }

    private static byte[] PngHeader(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    [Fact]
    public void Json_element_parameters_without_properties_cost_only_the_function_header()
    {
        var tool = new TrainingTool(TrainingFunction.Create("ping", null, """{"type":"object","properties":{}}"""));
        int tokens = new ChatTokenCounter(s_o200k).CountToolDefinitions([tool], null);
        Assert.Equal(7 + T("ping:") + 12, tokens);
        Assert.Equal(0, new ChatTokenCounter(s_o200k).CountToolDefinitions(null, null));
        _ = JsonDocument.Parse("{}");
    }
}
