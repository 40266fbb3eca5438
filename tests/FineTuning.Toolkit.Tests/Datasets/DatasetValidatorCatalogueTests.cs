using System.Text;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>The bad-input catalogue: one case per rule story of platform-facts §1–§3, each asserting the code, the line and (where useful) the JSON path.</summary>
public sealed class DatasetValidatorCatalogueTests
{
    private const int BadLine = 3;

    internal static string ChatLine(int i) => $"{{\"messages\":[{{\"role\":\"system\",\"content\":\"s\"}},{{\"role\":\"user\",\"content\":\"q{i}\"}},{{\"role\":\"assistant\",\"content\":\"a{i}\"}}]}}";

    internal static string PreferenceLine(int i) => $"{{\"input\":{{\"messages\":[{{\"role\":\"user\",\"content\":\"q{i}\"}}]}},\"preferred_output\":[{{\"role\":\"assistant\",\"content\":\"good{i}\"}}],\"non_preferred_output\":[{{\"role\":\"assistant\",\"content\":\"bad{i}\"}}]}}";

    internal static string ReinforcementLine(int i) => $"{{\"messages\":[{{\"role\":\"developer\",\"content\":\"d\"}},{{\"role\":\"user\",\"content\":\"q{i}\"}}],\"reference_answer\":\"{i}\"}}";

    internal static string CompletionLine(int i) => $"{{\"prompt\":\"p{i} ->\",\"completion\":\" c{i}\"}}";

    private static Func<int, string> Filler(DatasetFormat format) => format switch
    {
        DatasetFormat.Preference => PreferenceLine,
        DatasetFormat.Reinforcement => ReinforcementLine,
        DatasetFormat.Completion => CompletionLine,
        _ => ChatLine,
    };

    internal static async Task<DatasetValidationReport> ValidateAsync(string text, DatasetValidationOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await DatasetValidator.ValidateAsync(stream, options);
    }

    internal static string FileWith(DatasetFormat format, string badLine, int total = 12)
    {
        var filler = Filler(format);
        var builder = new StringBuilder();
        for (var i = 1; i <= total; i++)
        {
            builder.Append(i == BadLine ? badLine : filler(i)).Append('\n');
        }

        return builder.ToString();
    }

    private const string Sys = "{\"role\":\"system\",\"content\":\"s\"}";
    private const string Usr = "{\"role\":\"user\",\"content\":\"q\"}";
    private const string Asst = "{\"role\":\"assistant\",\"content\":\"a\"}";
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static string Chat(params string[] messages) => "{\"messages\":[" + string.Join(",", messages) + "]}";

    private static string UserParts(params string[] parts) => "{\"role\":\"user\",\"content\":[" + string.Join(",", parts) + "]}";

    private static string Image(string url, string? detail = null) =>
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\"" + (detail is null ? string.Empty : ",\"detail\":" + detail) + "}}";

    private static string Call(string id, string name = "f", string args = "{}") =>
        "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":\"" + args.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}}";

    private static string AsstCalls(params string[] calls) => "{\"role\":\"assistant\",\"tool_calls\":[" + string.Join(",", calls) + "]}";

    private static string ToolMsg(string id, string content = "r") => "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"" + content + "\"}";

    public static TheoryData<string, DatasetFormat, string, string, string?> Cases() => new()
    {
        // ---- reading (FT10xx) ----
        { "invalid JSON", DatasetFormat.Chat, "{\"messages\": [", DatasetDiagnosticCodes.InvalidJson, null },
        { "trailing comma", DatasetFormat.Chat, "{\"messages\":[],}", DatasetDiagnosticCodes.InvalidJson, null },
        { "single quotes", DatasetFormat.Chat, "{'messages':[]}", DatasetDiagnosticCodes.InvalidJson, null },
        { "two objects on one line", DatasetFormat.Chat, ChatLine(99) + ChatLine(98), DatasetDiagnosticCodes.InvalidJson, null },
        { "array line", DatasetFormat.Chat, "[" + ChatLine(99) + "]", DatasetDiagnosticCodes.NotAnObject, "$" },
        { "string line", DatasetFormat.Chat, "\"hello\"", DatasetDiagnosticCodes.NotAnObject, "$" },
        { "number line", DatasetFormat.Chat, "42", DatasetDiagnosticCodes.NotAnObject, "$" },
        { "unknown shape", DatasetFormat.Chat, "{\"text\":\"hello\"}", DatasetDiagnosticCodes.UnknownFormat, "$" },
        { "mixed formats", DatasetFormat.Chat, CompletionLine(99), DatasetDiagnosticCodes.MixedFormats, "$" },
        { "duplicate", DatasetFormat.Chat, ChatLine(1), DatasetDiagnosticCodes.DuplicateExample, "$" },
        { "blank line", DatasetFormat.Chat, "   ", DatasetDiagnosticCodes.BlankLine, null },

        // ---- chat messages (FT20xx) ----
        { "no messages key", DatasetFormat.Chat, "{\"messages\":null}", DatasetDiagnosticCodes.MissingMessages, "$.messages" },
        { "messages not array", DatasetFormat.Chat, "{\"messages\":{\"role\":\"user\"}}", DatasetDiagnosticCodes.MissingMessages, "$.messages" },
        { "messages empty", DatasetFormat.Chat, "{\"messages\":[]}", DatasetDiagnosticCodes.MissingMessages, "$.messages" },
        { "message not object", DatasetFormat.Chat, Chat(Usr, "\"hi\"", Asst), DatasetDiagnosticCodes.MessageNotObject, "$.messages[1]" },
        { "missing role", DatasetFormat.Chat, Chat("{\"content\":\"q\"}", Asst), DatasetDiagnosticCodes.MissingRole, "$.messages[0].role" },
        { "role not string", DatasetFormat.Chat, Chat("{\"role\":1,\"content\":\"q\"}", Asst), DatasetDiagnosticCodes.MissingRole, "$.messages[0].role" },
        { "unknown role", DatasetFormat.Chat, Chat("{\"role\":\"human\",\"content\":\"q\"}", Asst), DatasetDiagnosticCodes.RoleNotAllowed, "$.messages[0].role" },
        { "developer role in chat", DatasetFormat.Chat, Chat("{\"role\":\"developer\",\"content\":\"d\"}", Usr, Asst), DatasetDiagnosticCodes.RoleNotAllowed, "$.messages[0].role" },
        { "role wrong case", DatasetFormat.Chat, Chat("{\"role\":\"User\",\"content\":\"q\"}", Asst), DatasetDiagnosticCodes.RoleNotAllowed, "$.messages[0].role" },
        { "user without content", DatasetFormat.Chat, Chat("{\"role\":\"user\"}", Asst), DatasetDiagnosticCodes.MissingContent, "$.messages[0].content" },
        { "user null content", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":null}", Asst), DatasetDiagnosticCodes.MissingContent, "$.messages[0].content" },
        { "assistant neither content nor calls", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\"}"), DatasetDiagnosticCodes.MissingContent, "$.messages[1].content" },
        { "content number", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":5}", Asst), DatasetDiagnosticCodes.InvalidContent, "$.messages[0].content" },
        { "content object", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":{\"text\":\"q\"}}", Asst), DatasetDiagnosticCodes.InvalidContent, "$.messages[0].content" },
        { "part not object", DatasetFormat.Chat, Chat(UserParts("\"q\""), Asst), DatasetDiagnosticCodes.InvalidContentPart, "$.messages[0].content[0]" },
        { "part without type", DatasetFormat.Chat, Chat(UserParts("{\"text\":\"q\"}"), Asst), DatasetDiagnosticCodes.InvalidContentPart, "$.messages[0].content[0].type" },
        { "text part without text", DatasetFormat.Chat, Chat(UserParts("{\"type\":\"text\"}"), Asst), DatasetDiagnosticCodes.InvalidContentPart, "$.messages[0].content[0].text" },
        { "unknown part type", DatasetFormat.Chat, Chat(UserParts("{\"type\":\"html\",\"html\":\"<b>\"}"), Asst), DatasetDiagnosticCodes.InvalidContentPart, "$.messages[0].content[0].type" },
        { "audio part", DatasetFormat.Chat, Chat(UserParts("{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"x\",\"format\":\"wav\"}}"), Asst), DatasetDiagnosticCodes.UnsupportedContentPart, "$.messages[0].content[0].type" },
        { "file part", DatasetFormat.Chat, Chat(UserParts("{\"type\":\"file\",\"file\":{\"file_id\":\"f\"}}"), Asst), DatasetDiagnosticCodes.UnsupportedContentPart, "$.messages[0].content[0].type" },
        { "weight on user", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"q\",\"weight\":1}", Asst), DatasetDiagnosticCodes.WeightNotOnAssistant, "$.messages[0].weight" },
        { "weight on system", DatasetFormat.Chat, Chat("{\"role\":\"system\",\"content\":\"s\",\"weight\":0}", Usr, Asst), DatasetDiagnosticCodes.WeightNotOnAssistant, "$.messages[0].weight" },
        { "weight 2", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":2}"), DatasetDiagnosticCodes.InvalidWeight, "$.messages[1].weight" },
        { "weight 0.5", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0.5}"), DatasetDiagnosticCodes.InvalidWeight, "$.messages[1].weight" },
        { "weight string", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":\"1\"}"), DatasetDiagnosticCodes.InvalidWeight, "$.messages[1].weight" },
        { "weight true", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":true}"), DatasetDiagnosticCodes.InvalidWeight, "$.messages[1].weight" },
        { "no assistant", DatasetFormat.Chat, Chat(Sys, Usr, "{\"role\":\"user\",\"content\":\"more\"}") + " ", DatasetDiagnosticCodes.MissingAssistantMessage, "$.messages" },
        { "all weights zero", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0}"), DatasetDiagnosticCodes.NoTrainableAssistantMessage, "$.messages" },
        { "empty assistant", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"\"}"), DatasetDiagnosticCodes.EmptyAssistantContent, "$.messages[1].content" },
        { "whitespace assistant", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"  \\n \"}"), DatasetDiagnosticCodes.EmptyAssistantContent, "$.messages[1].content" },
        { "empty assistant parts", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":[]}"), DatasetDiagnosticCodes.EmptyAssistantContent, "$.messages[1].content" },
        { "tool_calls not array", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":{}}"), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls" },
        { "tool_calls empty", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":[]}"), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls" },
        { "tool call without id", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", Asst), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls[0].id" },
        { "tool call wrong type", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"code\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", ToolMsg("c"), Asst), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls[0].type" },
        { "tool call arguments object", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{}}}]}", ToolMsg("c"), Asst), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls[0].function.arguments" },
        { "tool call without name", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}", ToolMsg("c"), Asst), DatasetDiagnosticCodes.InvalidToolCall, "$.messages[1].tool_calls[0].function.name" },
        { "arguments not JSON", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c", args: "city=Paris")), ToolMsg("c"), Asst), DatasetDiagnosticCodes.ToolCallArgumentsNotJson, "$.messages[1].tool_calls[0].function.arguments" },
        { "unanswered tool call", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c1"), Call("c2")), ToolMsg("c1"), Asst), DatasetDiagnosticCodes.UnansweredToolCall, "$.messages[1].tool_calls[1].id" },
        { "tool message answers nothing", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c1")), ToolMsg("c1"), ToolMsg("zz"), Asst), DatasetDiagnosticCodes.UnmatchedToolMessage, "$.messages[3].tool_call_id" },
        { "tool message before its call", DatasetFormat.Chat, Chat(Usr, ToolMsg("c1"), AsstCalls(Call("c1")), Asst), DatasetDiagnosticCodes.UnmatchedToolMessage, "$.messages[1].tool_call_id" },
        { "duplicate tool call id", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c1"), Call("c1")), ToolMsg("c1"), Asst), DatasetDiagnosticCodes.DuplicateToolCallId, "$.messages[1].tool_calls[1].id" },
        { "tool message without id", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c1")), "{\"role\":\"tool\",\"content\":\"r\"}", Asst), DatasetDiagnosticCodes.InvalidToolCallId, "$.messages[2]" },
        { "tool_call_id number", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c1")), ToolMsg("c1"), "{\"role\":\"tool\",\"tool_call_id\":7,\"content\":\"r\"}", Asst), DatasetDiagnosticCodes.InvalidToolCallId, "$.messages[3].tool_call_id" },
        { "tools not array", DatasetFormat.Chat, "{\"messages\":[" + Usr + "," + Asst + "],\"tools\":{}}", DatasetDiagnosticCodes.InvalidTools, "$.tools" },
        { "tool without function", DatasetFormat.Chat, "{\"messages\":[" + Usr + "," + Asst + "],\"tools\":[{\"type\":\"function\"}]}", DatasetDiagnosticCodes.InvalidTools, "$.tools[0].function" },
        { "tool parameters string", DatasetFormat.Chat, "{\"messages\":[" + Usr + "," + Asst + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]}", DatasetDiagnosticCodes.InvalidTools, "$.tools[0].function.parameters" },
        { "parallel_tool_calls string", DatasetFormat.Chat, "{\"messages\":[" + Usr + "," + Asst + "],\"parallel_tool_calls\":\"false\"}", DatasetDiagnosticCodes.InvalidParallelToolCalls, "$.parallel_tool_calls" },
        { "functions empty", DatasetFormat.Chat, "{\"messages\":[" + Usr + "," + Asst + "],\"functions\":[]}", DatasetDiagnosticCodes.InvalidFunctions, "$.functions" },
        { "functions deprecated", DatasetFormat.Chat, "{\"messages\":[" + Sys + "," + Usr + "," + Asst + "],\"functions\":[{\"name\":\"f\"}]}", DatasetDiagnosticCodes.DeprecatedFunctionCalling, "$.messages" },
        { "function_call string", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"function_call\":\"f\"}"), DatasetDiagnosticCodes.InvalidFunctionCall, "$.messages[1].function_call" },
        { "function message without name", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}}", "{\"role\":\"function\",\"content\":\"r\"}", Asst), DatasetDiagnosticCodes.InvalidName, "$.messages[2].name" },
        { "name not string", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"q\",\"name\":5}", Asst), DatasetDiagnosticCodes.InvalidName, "$.messages[0].name" },
        { "refusal not string", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"a\",\"refusal\":1}"), DatasetDiagnosticCodes.InvalidRefusal, "$.messages[1].refusal" },
        { "image in assistant", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":[" + Image("https://e.com/x.png") + "]}"), DatasetDiagnosticCodes.ImageNotInUserMessage, "$.messages[1].content[0]" },
        { "image in system", DatasetFormat.Chat, Chat("{\"role\":\"system\",\"content\":[" + Image("https://e.com/x.png") + "]}", Usr, Asst), DatasetDiagnosticCodes.ImageNotInUserMessage, "$.messages[0].content[0]" },
        { "http image", DatasetFormat.Chat, Chat(UserParts(Image("http://e.com/x.png")), Asst), DatasetDiagnosticCodes.InvalidImageUrl, "$.messages[0].content[0].image_url.url" },
        { "ftp image", DatasetFormat.Chat, Chat(UserParts(Image("ftp://e.com/x.png")), Asst), DatasetDiagnosticCodes.InvalidImageUrl, "$.messages[0].content[0].image_url.url" },
        { "gif data url", DatasetFormat.Chat, Chat(UserParts(Image("data:image/gif;base64,R0lGODlhAQABAAAAACw=")), Asst), DatasetDiagnosticCodes.InvalidImageUrl, "$.messages[0].content[0].image_url.url" },
        { "bad base64", DatasetFormat.Chat, Chat(UserParts(Image("data:image/png;base64,@@@notbase64")), Asst), DatasetDiagnosticCodes.InvalidImageUrl, "$.messages[0].content[0].image_url.url" },
        { "png declared as jpeg", DatasetFormat.Chat, Chat(UserParts(Image("data:image/jpeg;base64," + Png)), Asst), DatasetDiagnosticCodes.InvalidImageUrl, "$.messages[0].content[0].image_url.url" },
        { "image without url", DatasetFormat.Chat, Chat(UserParts("{\"type\":\"image_url\",\"image_url\":{}}"), Asst), DatasetDiagnosticCodes.InvalidContentPart, "$.messages[0].content[0].image_url.url" },
        { "bad detail", DatasetFormat.Chat, Chat(UserParts(Image("https://e.com/x.png", "\"medium\"")), Asst), DatasetDiagnosticCodes.InvalidImageDetail, "$.messages[0].content[0].image_url.detail" },
        { "eleven images", DatasetFormat.Chat, Chat(UserParts(Enumerable.Repeat(Image("https://e.com/x.png"), 11).ToArray()), Asst), DatasetDiagnosticCodes.TooManyImages, "$.messages" },
        { "endoftext token", DatasetFormat.Chat, Chat(Usr, "{\"role\":\"assistant\",\"content\":\"done<|endoftext|>\"}"), DatasetDiagnosticCodes.ReservedToken, "$.messages[1].content" },
        { "fim_suffix token", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"x <|fim_suffix|> y\"}", Asst), DatasetDiagnosticCodes.ReservedToken, "$.messages[0].content" },
        { "fim_prefix token escaped", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"\\u003c|fim_prefix|>\"}", Asst), DatasetDiagnosticCodes.ReservedToken, "$.messages[0].content" },
        { "fim_middle token in tool args", DatasetFormat.Chat, Chat(Usr, AsstCalls(Call("c", args: "{\"q\":\"<|fim_middle|>\"}")), ToolMsg("c"), Asst), DatasetDiagnosticCodes.ReservedToken, "$.messages[1].tool_calls[0].function.arguments" },
        { "endofprompt token", DatasetFormat.Chat, Chat("{\"role\":\"system\",\"content\":\"<|endofprompt|>\"}", Usr, Asst), DatasetDiagnosticCodes.ReservedToken, "$.messages[0].content" },
        { "unknown top-level key", DatasetFormat.Chat, "{\"messages\":[" + Sys + "," + Usr + "," + Asst + "],\"id\":7}", DatasetDiagnosticCodes.UnknownKey, "$.id" },
        { "unknown message key", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"q\",\"timestamp\":1}", Asst), DatasetDiagnosticCodes.UnknownMessageKey, "$.messages[0].timestamp" },
        { "tool_call_id on user", DatasetFormat.Chat, Chat("{\"role\":\"user\",\"content\":\"q\",\"tool_call_id\":\"c\"}", Asst), DatasetDiagnosticCodes.UnknownMessageKey, "$.messages[0].tool_call_id" },
        { "no system message", DatasetFormat.Chat, Chat(Usr, Asst), DatasetDiagnosticCodes.NoSystemMessage, "$.messages" },
        { "no user message", DatasetFormat.Chat, Chat(Sys, Asst), DatasetDiagnosticCodes.NoUserMessage, "$.messages" },

        // ---- preference (FT30xx) ----
        { "dpo missing input", DatasetFormat.Preference, "{\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.MissingInput, "$.input" },
        { "dpo input without messages", DatasetFormat.Preference, "{\"input\":{},\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.MissingInput, "$.input.messages" },
        { "dpo missing preferred", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"non_preferred_output\":[" + Asst + "]}", DatasetDiagnosticCodes.MissingPreferredOutput, "$.preferred_output" },
        { "dpo empty non-preferred", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[]}", DatasetDiagnosticCodes.MissingNonPreferredOutput, "$.non_preferred_output" },
        { "dpo two outputs", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[" + Asst + "," + Asst + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.TooManyOutputMessages, "$.preferred_output" },
        { "dpo user output", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[" + Usr + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.RoleNotAllowed, "$.preferred_output[0].role" },
        { "dpo image", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + UserParts(Image("https://e.com/x.png")) + "]},\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.PreferenceImages, "$.input.messages[0].content[0]" },
        { "dpo identical outputs", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[" + Asst + "]}", DatasetDiagnosticCodes.IdenticalOutputs, "$.non_preferred_output" },
        { "dpo legacy names", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_completion\":[" + Asst + "],\"non_preferred_completion\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.LegacyPreferenceKeys, "$.preferred_completion" },
        { "dpo input ends with assistant", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "," + Asst + "]},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"g\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.InputEndsWithAssistant, "$.input.messages[1]" },
        { "dpo weight in output", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"g\",\"weight\":1}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.WeightNotOnAssistant, "$.preferred_output[0].weight" },
        { "dpo empty preferred text", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Usr + "]},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}", DatasetDiagnosticCodes.EmptyAssistantContent, "$.preferred_output[0].content" },

        // ---- reinforcement (FT40xx) ----
        { "rft system role", DatasetFormat.Reinforcement, "{\"messages\":[" + Sys + "," + Usr + "],\"reference_answer\":\"x\"}", DatasetDiagnosticCodes.RoleNotAllowed, "$.messages[0].role" },
        { "rft ends with assistant", DatasetFormat.Reinforcement, "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"}," + Usr + "," + Asst + "],\"reference_answer\":\"x\"}", DatasetDiagnosticCodes.FinalMessageNotUser, "$.messages[2].role" },
        { "rft no grader fields", DatasetFormat.Reinforcement, "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"}," + Usr + "]}", DatasetDiagnosticCodes.NoGraderFields, "$" },
        { "rft messages missing", DatasetFormat.Reinforcement, "{\"messages\":\"q\",\"reference_answer\":\"x\"}", DatasetDiagnosticCodes.MissingMessages, "$.messages" },
        { "rft image in developer", DatasetFormat.Reinforcement, "{\"messages\":[{\"role\":\"developer\",\"content\":[" + Image("https://e.com/x.png") + "]}," + Usr + "],\"reference_answer\":\"x\"}", DatasetDiagnosticCodes.ImageNotInUserMessage, "$.messages[0].content[0]" },
        { "rft weight on developer", DatasetFormat.Reinforcement, "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\",\"weight\":1}," + Usr + "],\"reference_answer\":\"x\"}", DatasetDiagnosticCodes.WeightNotOnAssistant, "$.messages[0].weight" },

        // ---- legacy prompt/completion (FT50xx) ----
        { "completion missing prompt", DatasetFormat.Completion, "{\"completion\":\" c\"}", DatasetDiagnosticCodes.MissingPrompt, "$.prompt" },
        { "completion prompt number", DatasetFormat.Completion, "{\"prompt\":1,\"completion\":\" c\"}", DatasetDiagnosticCodes.MissingPrompt, "$.prompt" },
        { "completion missing completion", DatasetFormat.Completion, "{\"prompt\":\"p\"}", DatasetDiagnosticCodes.MissingCompletion, "$.completion" },
        { "completion empty", DatasetFormat.Completion, "{\"prompt\":\"p\",\"completion\":\"\"}", DatasetDiagnosticCodes.EmptyCompletion, "$.completion" },
        { "completion extra key", DatasetFormat.Completion, "{\"prompt\":\"p\",\"completion\":\" c\",\"label\":1}", DatasetDiagnosticCodes.UnknownKey, "$.label" },
        { "completion reserved token", DatasetFormat.Completion, "{\"prompt\":\"p\",\"completion\":\" c<|endoftext|>\"}", DatasetDiagnosticCodes.ReservedToken, "$.completion" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_bad_line_reports_code_line_and_path(string story, DatasetFormat format, string badLine, string code, string? path)
    {
        var report = await ValidateAsync(FileWith(format, badLine));
        var found = report.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(found.Count > 0, $"{story}: expected {code}, got: {string.Join(" | ", report.Diagnostics)}");
        var diagnostic = found[0];
        Assert.Equal(BadLine, diagnostic.Line);
        if (path is not null)
        {
            Assert.Equal(path, diagnostic.Path);
        }

        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Suggestion));
        Assert.All(report.Diagnostics, d => Assert.True(d.Line is 0 or BadLine || d.Code == DatasetDiagnosticCodes.DuplicateExample, $"{story}: unexpected {d}"));
    }

    public static TheoryData<string, DatasetFormat, string> ValidCases() => new()
    {
        { "https image", DatasetFormat.Chat, Chat(Sys, UserParts("{\"type\":\"text\",\"text\":\"what?\"}", Image("https://e.com/x.png", "\"low\"")), Asst) },
        { "inline png", DatasetFormat.Chat, Chat(Sys, UserParts(Image("data:image/png;base64," + Png, "\"auto\"")), Asst) },
        { "tool calling", DatasetFormat.Chat, "{\"messages\":[" + Sys + "," + Usr + "," + AsstCalls(Call("c1", "w", "{\"city\":\"Paris\"}"), Call("c2")) + "," + ToolMsg("c1") + "," + ToolMsg("c2") + "," + Asst + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"w\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"},\"strict\":true}}],\"parallel_tool_calls\":true}" },
        { "weights and names", DatasetFormat.Chat, Chat(Sys, "{\"role\":\"user\",\"content\":\"q\",\"name\":\"bob\"}", "{\"role\":\"assistant\",\"content\":\"draft\",\"weight\":0}", Usr, "{\"role\":\"assistant\",\"content\":\"final\",\"weight\":1}") },
        { "assistant refusal and null content with calls", DatasetFormat.Chat, Chat(Sys, Usr, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + Call("c") + "]}", ToolMsg("c"), "{\"role\":\"assistant\",\"content\":\"a\",\"refusal\":null}") },
        { "text parts", DatasetFormat.Chat, Chat("{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"s\"}]}", UserParts("{\"type\":\"text\",\"text\":\"q\"}"), "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}]}") },
        { "rft with tools and nested grader data", DatasetFormat.Reinforcement, "{\"messages\":[{\"role\":\"developer\",\"content\":\"d\"}," + Usr + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"reference\":{\"a\":[1,2]},\"functions\":\"kept verbatim\"}" },
        { "dpo with tools", DatasetFormat.Preference, "{\"input\":{\"messages\":[" + Sys + "," + Usr + "],\"tools\":[],\"parallel_tool_calls\":false},\"preferred_output\":[" + Asst + "],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}" },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public async Task Validate_valid_shapes_have_no_errors_or_warnings(string story, DatasetFormat format, string line)
    {
        var report = await ValidateAsync(FileWith(format, line));
        Assert.True(report.IsValid && report.WarningCount == 0, $"{story}: {string.Join(" | ", report.Diagnostics)}");
    }

    [Theory]
    [InlineData(DatasetFormat.Chat)]
    [InlineData(DatasetFormat.Preference)]
    [InlineData(DatasetFormat.Reinforcement)]
    [InlineData(DatasetFormat.Completion)]
    public async Task Validate_clean_file_has_no_errors_or_warnings(DatasetFormat format)
    {
        var filler = Filler(format);
        var text = string.Concat(Enumerable.Range(1, 12).Select(i => filler(i) + "\n"));
        var report = await ValidateAsync(text);
        Assert.Equal(format, report.Format);
        Assert.Equal(12, report.ExampleCount);
        Assert.True(report.IsValid, string.Join(" | ", report.Diagnostics));
        Assert.Equal(0, report.WarningCount);
    }
}
