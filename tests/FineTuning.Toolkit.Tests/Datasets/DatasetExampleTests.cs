using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class DatasetExampleTests
{
    internal static string Canonical(string json) => Sort(System.Text.Json.Nodes.JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static System.Text.Json.Nodes.JsonNode? Sort(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => System.Text.Json.Nodes.JsonNode.Parse(node.ToJsonString()),
    };

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\",\"name\":\"bob\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0}]}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}}]},{\"role\":\"assistant\",\"content\":\"a cat\"}]}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"w\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},{\"role\":\"tool\",\"content\":\"20C\",\"tool_call_id\":\"c1\"},{\"role\":\"assistant\",\"content\":\"20C\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"w\",\"description\":\"d\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},\"strict\":true}}],\"parallel_tool_calls\":false}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"role\":\"function\",\"name\":\"f\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"done\"}],\"functions\":[{\"name\":\"f\",\"parameters\":{}}]}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"x_custom\":{\"k\":[1,2]}},{\"role\":\"assistant\",\"content\":\"a\"}],\"metadata\":{\"source\":\"crm\"}}")]
    public void Chat_round_trip_preserves_every_key(string json)
    {
        var example = Assert.IsType<ChatExample>(DatasetExample.Parse(json, DatasetFormat.Chat));
        Assert.Equal(Canonical(json), Canonical(example.ToJson()));
    }

    [Fact]
    public void Preference_round_trip()
    {
        const string json = "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[],\"parallel_tool_calls\":true},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"hello\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"go away\"}]}";
        var example = Assert.IsType<PreferenceExample>(DatasetExample.Parse(json));
        Assert.Equal("hi", example.Input.Messages[0].Text);
        Assert.Equal("hello", example.PreferredOutput[0].Text);
        Assert.Equal(Canonical(json), Canonical(example.ToJson()));
    }

    [Fact]
    public void Reinforcement_round_trip_keeps_grader_fields_verbatim()
    {
        const string json = "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},{\"role\":\"user\",\"content\":\"6*7?\"}],\"reference_answer\":\"42\",\"meta\":{\"nested\":[1,{\"a\":null}],\"n\":1.50}}";
        var example = Assert.IsType<ReinforcementExample>(DatasetExample.Parse(json));
        Assert.Equal("42", example.GraderFields["reference_answer"].GetString());
        Assert.Equal("1.50", example.GraderFields["meta"].GetProperty("n").GetRawText());
        Assert.Equal(Canonical(json), Canonical(example.ToJson()));
    }

    [Fact]
    public void Completion_round_trip()
    {
        const string json = "{\"prompt\":\"p ->\",\"completion\":\" c\",\"extra\":true}";
        var example = Assert.IsType<CompletionExample>(DatasetExample.Parse(json));
        Assert.Equal(" c", example.Completion);
        Assert.Equal(Canonical(json), Canonical(example.ToJson()));
    }

    [Fact]
    public void To_json_keeps_unicode_and_special_characters_readable()
    {
        var example = new ChatExampleBuilder().User("café <b> & \"q\"").Assistant("ok").Build();
        var json = example.ToJson();
        Assert.Contains("café <b> &", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_wrong_shape_throws_with_path()
    {
        var ex = Assert.Throws<DatasetParseException>(() => DatasetExample.Parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":5}]}", DatasetFormat.Chat));
        Assert.Equal("$.messages[1].content", ex.Path);
    }

    [Fact]
    public void Detect_recognises_each_format()
    {
        static DatasetFormat Detect(string json)
        {
            using var document = JsonDocument.Parse(json);
            return DatasetFormatDetector.Detect(document.RootElement);
        }

        Assert.Equal(DatasetFormat.Chat, Detect("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}"));
        Assert.Equal(DatasetFormat.Reinforcement, Detect("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"reference_answer\":\"a\"}"));
        Assert.Equal(DatasetFormat.Reinforcement, Detect("{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}"));
        Assert.Equal(DatasetFormat.Preference, Detect("{\"input\":{\"messages\":[]},\"preferred_output\":[],\"non_preferred_output\":[]}"));
        Assert.Equal(DatasetFormat.Completion, Detect("{\"prompt\":\"p\",\"completion\":\"c\"}"));
        Assert.Equal(DatasetFormat.Unknown, Detect("{\"text\":\"t\"}"));
        Assert.Equal(DatasetFormat.Unknown, Detect("[1]"));
    }

    [Fact]
    public void Builders_produce_the_platform_shapes()
    {
        var chat = new ChatExampleBuilder()
            .System("s").User("weather in Paris?")
            .AssistantToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")
            .Tool("call_1", "{\"c\":20}")
            .Assistant("20C", weight: 1)
            .WithTool("get_weather", "Gets weather", "{\"type\":\"object\"}")
            .WithParallelToolCalls(false)
            .Build();
        Assert.Equal(
            "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"weather in Paris?\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},{\"role\":\"tool\",\"content\":\"{\\\"c\\\":20}\",\"tool_call_id\":\"call_1\"},{\"role\":\"assistant\",\"content\":\"20C\",\"weight\":1}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Gets weather\",\"parameters\":{\"type\":\"object\"}}}],\"parallel_tool_calls\":false}",
            chat.ToJson());

        var preference = new PreferenceExampleBuilder().User("q").Preferred("good").NonPreferred("bad").Build();
        Assert.Equal("{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}", preference.ToJson());

        var rft = new ReinforcementExampleBuilder().Developer("d").User("6*7?").WithGraderField("reference_answer", "42").WithGraderField("score", 1).Build();
        Assert.Equal("{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},{\"role\":\"user\",\"content\":\"6*7?\"}],\"reference_answer\":\"42\",\"score\":1}", rft.ToJson());

        var image = new ChatExampleBuilder().UserWithImages("what?", ["https://e/x.png"], "low").Assistant("cat").Build();
        Assert.Equal(1, image.Messages[0].Content!.ImageCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatExampleBuilder().Assistant("a", weight: 2));
    }
}
