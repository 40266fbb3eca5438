using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using C = FineTuning.Toolkit.Datasets.DatasetDiagnosticCodes;

namespace FineTuning.Toolkit.Datasets;

/// <summary>The per-format rules (platform-facts §1), evaluated on the parsed JSON so that every problem gets its JSON path.</summary>
internal sealed partial class ValidationSession
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47];
    private static readonly string[] ChatRoles = ["system", "user", "assistant", "tool", "function"];
    private static readonly string[] ReinforcementRoles = ["developer", "user", "assistant", "tool"];
    private static readonly string[] OutputRoles = ["assistant"];
    private static readonly string[] OutputRolesWithTool = ["assistant", "tool"];

    private sealed class MessageRules
    {
        public required string[] Roles { get; init; }

        public bool AllowImages { get; init; } = true;

        public bool AllowWeight { get; init; } = true;

        public bool IsOutput { get; init; }
    }

    private static readonly MessageRules ChatRules = new() { Roles = ChatRoles };
    private static readonly MessageRules ReinforcementRules = new() { Roles = ReinforcementRoles };
    private static readonly MessageRules PreferenceInputRules = new() { Roles = ChatRoles, AllowImages = false };
    private static readonly MessageRules PreferenceOutputRules = new() { Roles = OutputRoles, AllowImages = false, AllowWeight = false, IsOutput = true };
    private static readonly MessageRules PreferenceOutputRulesWithTool = new() { Roles = OutputRolesWithTool, AllowImages = false, AllowWeight = false, IsOutput = true };

    private sealed class Conversation
    {
        public int System { get; set; }

        public int User { get; set; }

        public int Assistant { get; set; }

        public int TrainableAssistant { get; set; }

        public int Images { get; set; }

        public int MessageCount { get; set; }

        public string? LastRole { get; set; }

        public bool UsesFunctionCalling { get; set; }

        /// <summary>The tool calls by id: where the id is, whether a tool message answered it, and the index of the assistant message that made it.</summary>
        public Dictionary<string, (string Path, bool Answered, int Message)>? Calls { get; set; }

        /// <summary>The index of the last assistant message so far (-1 for none).</summary>
        public int LastAssistant { get; set; } = -1;

        /// <summary>The index of the message being validated.</summary>
        public int CurrentMessage { get; set; }

        public bool AlternationReported { get; set; }

        public string? ExpectedNext { get; set; }
    }

    private static string At(string arrayPath, int index, string suffix = "") =>
        arrayPath + "[" + index.ToString(CultureInfo.InvariantCulture) + "]" + suffix;

    private static string Kind(JsonElement value) => ExampleJson.Kind(value);

    // ---- formats -----------------------------------------------------------------------------------------------

    private void ValidateChat(JsonElement root)
    {
        var conversation = new Conversation();
        var sawMessages = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    sawMessages = true;
                    ValidateMessageArray(property.Value, "$.messages", ChatRules, conversation);
                    break;
                case "tools":
                    ValidateTools(property.Value, "$.tools");
                    break;
                case "parallel_tool_calls":
                    ValidateParallelToolCalls(property.Value, "$.parallel_tool_calls");
                    break;
                case "functions":
                    ValidateFunctions(property.Value, "$.functions");
                    conversation.UsesFunctionCalling = true;
                    break;
                default:
                    Warning(C.UnknownKey, "$." + property.Name, $"The key '{property.Name}' is not part of the chat format.",
                        "Remove it (keep metadata in a separate file); the platform may reject unknown keys.");
                    break;
            }
        }

        if (!sawMessages)
        {
            Error(C.MissingMessages, "$.messages", "The example has no messages.", "Add \"messages\":[...] with at least one user and one assistant message.");
            return;
        }

        FinishChat(conversation);
    }

    /// <summary>The conversation-level chat rules, from the counts (shared by the document rules and the single pass).</summary>
    private void FinishChat(Conversation conversation)
    {
        if (conversation.MessageCount == 0)
        {
            return;
        }

        if (conversation.Assistant == 0)
        {
            Error(C.MissingAssistantMessage, "$.messages", "The example has no assistant message; there is nothing to train on.",
                "Add the assistant answer the model should learn as the last message.");
        }
        else if (conversation.TrainableAssistant == 0)
        {
            Warning(C.NoTrainableAssistantMessage, "$.messages", "Every assistant message has weight 0; the example trains nothing.",
                "Set weight 1 (or remove weight) on at least one assistant message, or drop the example.");
        }

        FinishConversation(conversation, "$.messages", requireSystemInfo: true);
    }

    private void ValidateReinforcement(JsonElement root)
    {
        var conversation = new Conversation();
        var sawMessages = false;
        var graderFields = 0;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    sawMessages = true;
                    ValidateMessageArray(property.Value, "$.messages", ReinforcementRules, conversation);
                    break;
                case "tools":
                    ValidateTools(property.Value, "$.tools");
                    break;
                default:
                    graderFields++;
                    break;
            }
        }

        if (!sawMessages)
        {
            Error(C.MissingMessages, "$.messages", "The example has no messages.", "Add \"messages\":[...] holding the prompt (developer and user messages).");
            return;
        }

        if (conversation.MessageCount == 0)
        {
            return;
        }

        if (conversation.LastRole is not null and not "user")
        {
            Report(_profile.ReinforcementRequiresFinalUserMessage ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                C.FinalMessageNotUser, At("$.messages", conversation.MessageCount - 1, ".role"),
                $"The prompt ends with a {conversation.LastRole} message; reinforcement prompts should end with the user message the model answers.",
                "End messages with a user message; the model's answer is sampled during training and scored by the grader.");
        }

        if (graderFields == 0)
        {
            Info(C.NoGraderFields, "$", "The example has no field besides messages and tools, so graders have no reference to compare with.",
                "Add e.g. \"reference_answer\":\"...\" and reference it in the grader as {{item.reference_answer}}.");
        }

        FinishConversation(conversation, "$.messages", requireSystemInfo: false);
    }

    private void ValidatePreference(JsonElement root)
    {
        var conversation = new Conversation();
        bool sawInput = false, sawPreferred = false, sawNonPreferred = false, legacy = false;
        JsonElement preferred = default, nonPreferred = default;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input":
                    sawInput = true;
                    ValidatePreferenceInput(property.Value, conversation);
                    break;
                case "preferred_output":
                    sawPreferred = true;
                    preferred = property.Value;
                    ValidateOutput(property.Value, "$.preferred_output", C.MissingPreferredOutput);
                    break;
                case "non_preferred_output":
                    sawNonPreferred = true;
                    nonPreferred = property.Value;
                    ValidateOutput(property.Value, "$.non_preferred_output", C.MissingNonPreferredOutput);
                    break;
                case "preferred_completion" or "non_preferred_completion":
                    legacy = true;
                    var newName = property.Name.Replace("_completion", "_output", StringComparison.Ordinal);
                    Error(C.LegacyPreferenceKeys, "$." + property.Name, $"'{property.Name}' is the pre-2025 name; the platform expects '{newName}'.",
                        $"Rename '{property.Name}' to '{newName}'.");
                    break;
                default:
                    Warning(C.UnknownKey, "$." + property.Name, $"The key '{property.Name}' is not part of the preference format.",
                        "Remove it; the platform may reject unknown keys.");
                    break;
            }
        }

        if (!sawInput)
        {
            Error(C.MissingInput, "$.input", "The example has no input.", "Add \"input\":{\"messages\":[...]} holding the prompt.");
        }

        if (!sawPreferred && !legacy)
        {
            Error(C.MissingPreferredOutput, "$.preferred_output", "The example has no preferred_output.", "Add \"preferred_output\":[{\"role\":\"assistant\",\"content\":\"...\"}].");
        }

        if (!sawNonPreferred && !legacy)
        {
            Error(C.MissingNonPreferredOutput, "$.non_preferred_output", "The example has no non_preferred_output.", "Add \"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"...\"}].");
        }

        if (sawPreferred && sawNonPreferred && preferred.ValueKind == JsonValueKind.Array && preferred.GetArrayLength() > 0
            && JsonElement.DeepEquals(preferred, nonPreferred))
        {
            Warning(C.IdenticalOutputs, "$.non_preferred_output", "preferred_output and non_preferred_output are identical; the pair teaches nothing.",
                "Make the non-preferred answer the worse alternative, or drop the example.");
        }
    }

    private void ValidatePreferenceInput(JsonElement input, Conversation conversation)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            Error(C.MissingInput, "$.input", $"input must be an object, found {Kind(input)}.", "Use \"input\":{\"messages\":[...]}.");
            return;
        }

        var sawMessages = false;
        foreach (var property in input.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    sawMessages = true;
                    ValidateMessageArray(property.Value, "$.input.messages", PreferenceInputRules, conversation);
                    break;
                case "tools":
                    ValidateTools(property.Value, "$.input.tools");
                    break;
                case "parallel_tool_calls":
                    ValidateParallelToolCalls(property.Value, "$.input.parallel_tool_calls");
                    break;
                default:
                    Warning(C.UnknownKey, "$.input." + property.Name, $"The key '{property.Name}' is not part of a preference input.",
                        "Keep only messages, tools and parallel_tool_calls in input.");
                    break;
            }
        }

        if (!sawMessages)
        {
            Error(C.MissingInput, "$.input.messages", "input has no messages.", "Add \"messages\":[...] to input, ending with the user message.");
            return;
        }

        if (conversation.MessageCount == 0)
        {
            return;
        }

        if (conversation.LastRole == "assistant")
        {
            Warning(C.InputEndsWithAssistant, At("$.input.messages", conversation.MessageCount - 1),
                "input ends with an assistant message; only the final assistant turn (the outputs) is trained.",
                "End input with the user message that the preferred and non-preferred outputs answer.");
        }

        FinishConversation(conversation, "$.input.messages", requireSystemInfo: false);
    }

    private void ValidateOutput(JsonElement output, string path, string missingCode)
    {
        if (output.ValueKind != JsonValueKind.Array || output.GetArrayLength() == 0)
        {
            Error(missingCode, path, output.ValueKind == JsonValueKind.Array ? $"{path[2..]} is empty." : $"{path[2..]} must be an array, found {Kind(output)}.",
                $"Use \"{path[2..]}\":[{{\"role\":\"assistant\",\"content\":\"...\"}}].");
            return;
        }

        var count = output.GetArrayLength();
        if (count > _profile.MaxPreferenceOutputMessages)
        {
            Error(C.TooManyOutputMessages, path, $"{path[2..]} holds {count} messages; {_profile.Name} accepts {_profile.MaxPreferenceOutputMessages}.",
                "Keep only the final assistant message in each output.");
        }

        var conversation = new Conversation();
        ValidateMessageArray(output, path, _profile.PreferenceOutputAllowsToolMessages ? PreferenceOutputRulesWithTool : PreferenceOutputRules, conversation);
        if (conversation.Assistant == 0 && conversation.MessageCount > 0)
        {
            Error(C.OutputRoleNotAllowed, path, $"{path[2..]} has no assistant message.", "Put the assistant answer in the output.");
        }
    }

    private void ValidateCompletion(JsonElement root)
    {
        bool sawPrompt = false, sawCompletion = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "prompt":
                    sawPrompt = true;
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        Error(C.MissingPrompt, "$.prompt", $"prompt must be a string, found {Kind(property.Value)}.", "Write the prompt as a JSON string.");
                    }

                    break;
                case "completion":
                    sawCompletion = true;
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        Error(C.MissingCompletion, "$.completion", $"completion must be a string, found {Kind(property.Value)}.", "Write the completion as a JSON string.");
                    }
                    else if (string.IsNullOrWhiteSpace(property.Value.GetString()))
                    {
                        Error(C.EmptyCompletion, "$.completion", "completion is empty.", "Remove the example or write the expected completion.");
                    }

                    break;
                default:
                    Warning(C.UnknownKey, "$." + property.Name, $"The key '{property.Name}' is not part of the prompt/completion format.", "Remove it.");
                    break;
            }
        }

        if (!sawPrompt)
        {
            Error(C.MissingPrompt, "$.prompt", "The example has no prompt.", "Add \"prompt\":\"...\" (it may be empty).");
        }

        if (!sawCompletion)
        {
            Error(C.MissingCompletion, "$.completion", "The example has no completion.", "Add \"completion\":\"...\".");
        }
    }

    // ---- conversation ------------------------------------------------------------------------------------------

    private void FinishConversation(Conversation conversation, string arrayPath, bool requireSystemInfo)
    {
        if (conversation.Calls is not null)
        {
            // The final assistant message's tool calls are the training target of a function-calling example (the model learns
            // to emit the call; OpenAI's and Foundry's tool-calling samples end so), so they need no answer. An unanswered call
            // earlier in the conversation is suspicious but not documented as refused: a warning.
            foreach (var (id, (path, answered, message)) in conversation.Calls)
            {
                if (!answered && message != conversation.LastAssistant)
                {
                    Warning(C.UnansweredToolCall, path, $"The tool call '{id}' is not the final assistant turn, yet no tool message answers it.",
                        $"Add {{\"role\":\"tool\",\"tool_call_id\":\"{id}\",\"content\":\"...\"}} after the assistant message, or remove the call.");
                }
            }
        }

        if (conversation.Images > _profile.MaxImagesPerExample)
        {
            Error(C.TooManyImages, arrayPath, $"The example has {conversation.Images} images; {_profile.Name} accepts at most {_profile.MaxImagesPerExample} per example.",
                "Split the example or drop images.");
        }

        if (conversation.Images > 0)
        {
            _imageExamples++;
        }

        if (conversation.UsesFunctionCalling)
        {
            Info(C.DeprecatedFunctionCalling, arrayPath, "The example uses the deprecated functions/function_call fields.",
                "Prefer tools, tool_calls and tool messages; functions still validate but are deprecated.");
        }

        if (requireSystemInfo && conversation.System == 0)
        {
            Info(C.NoSystemMessage, arrayPath, "The example has no system message.",
                "Use the same system prompt in training and at inference; add one if your application sends one.");
        }

        if (conversation.User == 0)
        {
            Info(C.NoUserMessage, arrayPath, "The example has no user message.", "Most examples should contain the user turn the assistant answers.");
        }
    }

    private void ValidateMessageArray(JsonElement messages, string arrayPath, MessageRules rules, Conversation conversation)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            Error(rules.IsOutput ? C.MissingMessages : C.MissingMessages, arrayPath, $"messages must be an array, found {Kind(messages)}.", "Use \"messages\":[{\"role\":...,\"content\":...}, ...].");
            return;
        }

        if (messages.GetArrayLength() == 0)
        {
            Error(C.MissingMessages, arrayPath, "messages is empty.", "Add at least one message.");
            return;
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            conversation.CurrentMessage = index;
            ValidateMessage(message, arrayPath, index, rules, conversation);
            index++;
        }

        conversation.MessageCount = index;
    }

    private void ValidateMessage(JsonElement message, string arrayPath, int index, MessageRules rules, Conversation conversation)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            Error(C.MessageNotObject, At(arrayPath, index), $"A message must be an object, found {Kind(message)}.", "Write each message as {\"role\":...,\"content\":...}.");
            return;
        }

        string? role = null;
        if (!message.TryGetProperty("role", out var roleElement))
        {
            Error(C.MissingRole, At(arrayPath, index, ".role"), "The message has no role.", $"Add \"role\": one of {string.Join(", ", rules.Roles)}.");
        }
        else if (roleElement.ValueKind != JsonValueKind.String)
        {
            Error(C.MissingRole, At(arrayPath, index, ".role"), $"role must be a string, found {Kind(roleElement)}.", $"Use one of {string.Join(", ", rules.Roles)}.");
        }
        else
        {
            role = roleElement.GetString()!;
            if (Array.IndexOf(rules.Roles, role) < 0)
            {
                var suggestion = role switch
                {
                    "developer" => "Use system: developer messages belong to the reinforcement format only.",
                    "system" when Array.IndexOf(rules.Roles, "developer") >= 0 => "Use developer: the reinforcement format has no system role.",
                    _ => $"Use one of {string.Join(", ", rules.Roles)}.",
                };
                Error(C.RoleNotAllowed, At(arrayPath, index, ".role"), $"The role '{role}' is not allowed here.", suggestion);
                role = null;
            }
        }

        conversation.LastRole = role ?? conversation.LastRole;
        switch (role)
        {
            case "system":
            case "developer":
                conversation.System++;
                break;
            case "user":
                conversation.User++;
                break;
            case "assistant":
                conversation.Assistant++;
                conversation.LastAssistant = index;
                break;
        }

        if (_profile.RequireAlternatingRoles && role is "user" or "assistant" && !conversation.AlternationReported)
        {
            var expected = conversation.ExpectedNext ?? "user";
            if (role != expected)
            {
                conversation.AlternationReported = true;
                Error(C.RolesNotAlternating, At(arrayPath, index, ".role"), $"Expected a {expected} message here, found {role}; {_profile.Name} requires alternating user and assistant turns.",
                    "Merge consecutive messages of the same role, and start the conversation (after system) with a user message.");
            }

            conversation.ExpectedNext = role == "user" ? "assistant" : "user";
        }
        else if (_profile.RequireAlternatingRoles && role is "system" && conversation.ExpectedNext is not null && !conversation.AlternationReported)
        {
            conversation.AlternationReported = true;
            Error(C.RolesNotAlternating, At(arrayPath, index, ".role"), $"A system message follows the conversation's turns; {_profile.Name} accepts system messages only at the start.",
                "Move the system message to the start of messages, or merge it into the first one.");
        }

        bool hasCalls = false, hasContent = false;
        int? weight = null;
        JsonElement content = default;
        foreach (var property in message.EnumerateObject())
        {
            var value = property.Value;
            var name = property.Name;
            switch (name)
            {
                case "role":
                    break;
                case "content":
                    hasContent = value.ValueKind != JsonValueKind.Null;
                    content = value;
                    break;
                case "name":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        Error(C.InvalidName, At(arrayPath, index, ".name"), $"name must be a string, found {Kind(value)}.", "Use a short string such as \"example_user\".");
                    }

                    break;
                case "weight" when role is not null:
                    if (role != "assistant" || !rules.AllowWeight)
                    {
                        Error(C.WeightNotOnAssistant, At(arrayPath, index, ".weight"),
                            rules.AllowWeight ? $"weight is only allowed on assistant messages, found on a {role} message." : "weight is not allowed in preference outputs.",
                            "Remove weight from this message.");
                    }
                    else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var w) && w is 0 or 1)
                    {
                        weight = w;
                    }
                    else
                    {
                        Error(C.InvalidWeight, At(arrayPath, index, ".weight"), $"weight must be the integer 0 or 1, found {RawPreview(value)}.",
                            "Use 0 to skip this turn in training or 1 to train on it.");
                    }

                    break;
                case "refusal" when role == "assistant":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        Error(C.InvalidRefusal, At(arrayPath, index, ".refusal"), $"refusal must be a string, found {Kind(value)}.", "Write the refusal text as a string, or remove it.");
                    }

                    break;
                case "tool_calls" when role == "assistant":
                    if (value.ValueKind != JsonValueKind.Null)
                    {
                        hasCalls = true;
                        ValidateToolCalls(value, At(arrayPath, index, ".tool_calls"), conversation);
                    }

                    break;
                case "function_call" when role == "assistant":
                    if (value.ValueKind != JsonValueKind.Null)
                    {
                        hasCalls = true;
                        conversation.UsesFunctionCalling = true;
                        ValidateFunctionCall(value, At(arrayPath, index, ".function_call"));
                    }

                    break;
                case "tool_call_id" when role == "tool":
                    ValidateToolAnswer(value, At(arrayPath, index, ".tool_call_id"), conversation);
                    break;
                default:
                    if (role is not null)
                    {
                        Error(C.UnknownMessageKey, At(arrayPath, index, "." + name), $"The key '{name}' is not allowed on a {role} message.",
                            name == "weight" ? "Remove weight: only assistant messages carry it." : $"Remove '{name}'; a {role} message accepts {AllowedKeys(role, rules)}.");
                    }

                    break;
            }
        }

        if (role is null)
        {
            return;
        }

        if (role == "tool" && !message.TryGetProperty("tool_call_id", out _))
        {
            Error(C.InvalidToolCallId, At(arrayPath, index), "The tool message has no tool_call_id.", "Add \"tool_call_id\" with the id of the tool call it answers.");
        }

        if (role == "function")
        {
            conversation.UsesFunctionCalling = true;
            if (!message.TryGetProperty("name", out _))
            {
                Error(C.InvalidName, At(arrayPath, index, ".name"), "A function message needs the name of the function it answers.", "Add \"name\":\"<function name>\".");
            }
        }

        if (role == "assistant" && weight != 0)
        {
            conversation.TrainableAssistant++;
        }

        if (!hasContent)
        {
            if (role != "assistant")
            {
                Error(C.MissingContent, At(arrayPath, index, ".content"), $"The {role} message has no content.", "Add \"content\" (a string).");
            }
            else if (!hasCalls)
            {
                Error(C.MissingContent, At(arrayPath, index, ".content"), "The assistant message has neither content nor tool_calls.", "Add the assistant's answer as \"content\", or its tool_calls.");
            }

            return;
        }

        ValidateContent(content, arrayPath, index, role, rules, conversation, hasCalls, weight);
    }

    private static string AllowedKeys(string role, MessageRules rules) => role switch
    {
        "assistant" => rules.AllowWeight ? "role, content, name, refusal, tool_calls, function_call, weight" : "role, content, name, refusal, tool_calls, function_call",
        "tool" => "role, content, tool_call_id",
        _ => "role, content, name",
    };

    private static string RawPreview(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }

    private void ValidateContent(JsonElement content, string arrayPath, int index, string role, MessageRules rules, Conversation conversation, bool hasCalls, int? weight)
    {
        bool hasText;
        if (content.ValueKind == JsonValueKind.String)
        {
            hasText = !IsBlankString(content);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            hasText = false;
            var i = 0;
            var partsPath = At(arrayPath, index, ".content");
            foreach (var part in content.EnumerateArray())
            {
                hasText |= ValidatePart(part, At(partsPath, i), role, rules, conversation);
                i++;
            }
        }
        else
        {
            Error(C.InvalidContent, At(arrayPath, index, ".content"), $"content must be a string or an array of parts, found {Kind(content)}.", "Write content as a string, or as [{\"type\":\"text\",\"text\":\"...\"}].");
            return;
        }

        if (hasText)
        {
            return;
        }

        var path = At(arrayPath, index, ".content");
        if (role == "assistant")
        {
            if (!hasCalls)
            {
                Report(weight == 0 ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, C.EmptyAssistantContent, path,
                    "The assistant message has empty text and no tool call.", "Write the answer the model should learn, or remove the message.");
            }
        }
        else if (content.ValueKind == JsonValueKind.String || content.GetArrayLength() == 0)
        {
            Warning(C.MissingContent, path, $"The {role} message's content is empty.", "Remove the message or give it content.");
        }
    }

    private static bool IsBlankString(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            raw = raw[1..^1];
        }

        return IsBlankJsonString(raw);
    }

    /// <summary>Whether a JSON string, given as its raw bytes between the quotes (escapes not decoded), decodes to empty or white
    /// space only (<see cref="string.IsNullOrWhiteSpace"/> of the decoded text), without decoding it.</summary>
    private static bool IsBlankJsonString(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            if (b >= 0x80)
            {
                if (System.Text.Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done && System.Text.Rune.IsWhiteSpace(rune))
                {
                    i += consumed - 1;
                    continue;
                }

                return false;
            }

            if (b != (byte)'\\' || i + 1 >= raw.Length)
            {
                return false;
            }

            // An escape: \n \r \t \f are white space, \" \\ \/ \b are not; \uXXXX is decided on its UTF-16 unit (a surrogate
            // half is never white space: no white-space character lies outside the BMP).
            switch (raw[i + 1])
            {
                case (byte)'n' or (byte)'r' or (byte)'t' or (byte)'f':
                    i++;
                    continue;
                case (byte)'u' when i + 5 < raw.Length
                    && int.TryParse(raw.Slice(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
                    && char.IsWhiteSpace((char)unit):
                    i += 5;
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private bool ValidatePart(JsonElement part, string path, string role, MessageRules rules, Conversation conversation)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            Error(C.InvalidContentPart, path, $"A content part must be an object, found {Kind(part)}.", "Use {\"type\":\"text\",\"text\":\"...\"}.");
            return false;
        }

        if (!part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            Error(C.InvalidContentPart, path + ".type", "The content part has no type.", "Add \"type\":\"text\" (or \"image_url\" in user messages).");
            return false;
        }

        var typeName = type.GetString();
        switch (typeName)
        {
            case "text":
                if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                {
                    Error(C.InvalidContentPart, path + ".text", "A text part needs \"text\" (a string).", "Add \"text\":\"...\".");
                    return false;
                }

                return !IsBlankString(text);
            case "image_url":
                conversation.Images++;
                if (!rules.AllowImages)
                {
                    Error(C.PreferenceImages, path, "Preference (DPO) examples are text only; this one has an image.", "Remove the image, or train it with supervised fine-tuning.");
                    return false;
                }

                if (role != "user")
                {
                    Error(C.ImageNotInUserMessage, path, $"Images are allowed only in user messages, found in a {role} message.", "Move the image to a user message.");
                    return false;
                }

                ValidateImage(part, path);
                return false;
            case "refusal" when role == "assistant":
                return part.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String;
            case "input_audio" or "audio" or "file" or "input_file" or "input_image" or "video":
                Error(C.UnsupportedContentPart, path + ".type", $"Content parts of type '{typeName}' are not supported for fine-tuning (text and images only).",
                    "Remove the part; use image_url for images.");
                return false;
            default:
                Error(C.InvalidContentPart, path + ".type", $"Unknown content part type '{typeName}'.", "Use \"text\" or \"image_url\".");
                return false;
        }
    }

    private void ValidateImage(JsonElement part, string path)
    {
        if (!part.TryGetProperty("image_url", out var image) || image.ValueKind != JsonValueKind.Object)
        {
            Error(C.InvalidContentPart, path + ".image_url", "An image part needs \"image_url\":{\"url\":...}.", "Use {\"type\":\"image_url\",\"image_url\":{\"url\":\"https://...\"}}.");
            return;
        }

        if (image.TryGetProperty("detail", out var detail) && detail.ValueKind != JsonValueKind.Null
            && !(detail.ValueKind == JsonValueKind.String && (detail.ValueEquals("low"u8) || detail.ValueEquals("high"u8) || detail.ValueEquals("auto"u8))))
        {
            Error(C.InvalidImageDetail, path + ".image_url.detail", $"detail must be low, high or auto, found {RawPreview(detail)}.", "Use \"low\" (85 tokens per image), \"high\" or \"auto\".");
        }

        if (!image.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
        {
            Error(C.InvalidContentPart, path + ".image_url.url", "The image has no url.", "Add \"url\": an https URL or a data:image/jpeg;base64,... URL.");
            return;
        }

        var raw = JsonMarshal.GetRawUtf8Value(url);
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            raw = raw[1..^1];
        }

        if (raw.IndexOf((byte)'\\') >= 0)
        {
            raw = System.Text.Encoding.UTF8.GetBytes(url.GetString()!);
        }

        ValidateImageUrl(raw, path + ".image_url.url");
    }

    private void ValidateImageUrl(ReadOnlySpan<byte> url, string path)
    {
        if (StartsWithIgnoreCase(url, "https://"u8))
        {
            if (url.Length <= 8)
            {
                Error(C.InvalidImageUrl, path, "The image URL has no host.", "Use a full https URL.");
            }

            return;
        }

        if (StartsWithIgnoreCase(url, "http://"u8))
        {
            Error(C.InvalidImageUrl, path, "The image URL uses http; only https URLs (or base64 data URLs) are accepted.", "Serve the image over https, or inline it as a data URL.");
            return;
        }

        if (!StartsWithIgnoreCase(url, "data:"u8))
        {
            Error(C.InvalidImageUrl, path, "The image URL is neither an https URL nor a data URL.", "Use https://... or data:image/png;base64,....");
            return;
        }

        var comma = url.IndexOf((byte)',');
        if (comma < 0)
        {
            Error(C.InvalidImageUrl, path, "The data URL has no ',' before its data.", "Use data:image/png;base64,<base64 data>.");
            return;
        }

        var header = url[5..comma];
        var payload = url[(comma + 1)..];
        string? kind = null;
        if (EqualsIgnoreCase(header, "image/jpeg;base64"u8) || EqualsIgnoreCase(header, "image/jpg;base64"u8))
        {
            kind = "jpeg";
        }
        else if (EqualsIgnoreCase(header, "image/png;base64"u8))
        {
            kind = "png";
        }
        else if (EqualsIgnoreCase(header, "image/webp;base64"u8))
        {
            kind = "webp";
        }

        if (kind is null)
        {
            Error(C.InvalidImageUrl, path, $"The data URL declares '{System.Text.Encoding.UTF8.GetString(header[..Math.Min(header.Length, 40)])}'; only base64 JPEG, PNG or WEBP images are accepted.",
                "Convert the image to JPEG, PNG or WEBP (RGB or RGBA) and use data:image/<type>;base64,....");
            return;
        }

        if (!Base64.IsValid(payload, out var decodedLength) || payload.Length == 0)
        {
            Error(C.InvalidImageUrl, path, "The data URL's payload is not valid base64.", "Re-encode the image with standard base64 (no line breaks).");
            return;
        }

        if (decodedLength > _profile.MaxImageBytes)
        {
            Error(C.ImageTooLarge, path, $"The image is {decodedLength / 1024.0 / 1024.0:F1} MB; at most {_profile.MaxImageBytes / 1024 / 1024} MB per image.", "Resize or recompress the image.");
        }

        Span<byte> head = stackalloc byte[12];
        if (payload.Length >= 16 && Base64.DecodeFromUtf8(payload[..16], head, out _, out var written) == System.Buffers.OperationStatus.Done && written == 12)
        {
            var actual = head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "jpeg"
                : head[..4].SequenceEqual(PngSignature) ? "png"
                : head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "webp"
                : "unknown";
            if (actual != kind)
            {
                Warning(C.InvalidImageUrl, path, actual == "unknown"
                        ? $"The data URL declares {kind}, but its bytes are not a JPEG, PNG or WEBP image."
                        : $"The data URL declares {kind}, but its bytes are a {actual} image.",
                    "Fix the media type or re-encode the image; the platform skips images in bad formats.");
            }
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> other) => System.Text.Ascii.EqualsIgnoreCase(value, other);

    // ---- tools -------------------------------------------------------------------------------------------------

    private void ValidateToolCalls(JsonElement calls, string path, Conversation conversation)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            Error(C.InvalidToolCall, path, $"tool_calls must be an array, found {Kind(calls)}.", "Use \"tool_calls\":[{\"id\":...,\"type\":\"function\",\"function\":{...}}].");
            return;
        }

        if (calls.GetArrayLength() == 0)
        {
            Error(C.InvalidToolCall, path, "tool_calls is empty.", "Remove tool_calls or add the calls.");
            return;
        }

        var i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = At(path, i++);
            if (call.ValueKind != JsonValueKind.Object)
            {
                Error(C.InvalidToolCall, callPath, $"A tool call must be an object, found {Kind(call)}.", "Use {\"id\":...,\"type\":\"function\",\"function\":{\"name\":...,\"arguments\":\"{...}\"}}.");
                continue;
            }

            if (!call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.ValueEquals(string.Empty))
            {
                Error(C.InvalidToolCall, callPath + ".id", "The tool call has no id (a non-empty string).", "Add \"id\":\"call_1\" and repeat it in the tool message's tool_call_id.");
            }
            else
            {
                var idText = id.GetString()!;
                conversation.Calls ??= new(StringComparer.Ordinal);
                if (conversation.Calls.ContainsKey(idText))
                {
                    Error(C.DuplicateToolCallId, callPath + ".id", $"The tool call id '{idText}' is used twice in this example.", "Give every tool call a unique id.");
                }
                else
                {
                    conversation.Calls[idText] = (callPath + ".id", false, conversation.CurrentMessage);
                }
            }

            if (!call.TryGetProperty("type", out var type) || !(type.ValueKind == JsonValueKind.String && type.ValueEquals("function"u8)))
            {
                Error(C.InvalidToolCall, callPath + ".type", "The tool call's type must be \"function\".", "Add \"type\":\"function\".");
            }

            if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                Error(C.InvalidToolCall, callPath + ".function", "The tool call has no function object.", "Add \"function\":{\"name\":...,\"arguments\":\"{...}\"}.");
                continue;
            }

            ValidateFunctionInvocation(function, callPath + ".function", C.InvalidToolCall);
        }
    }

    private void ValidateFunctionCall(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(C.InvalidFunctionCall, path, $"function_call must be an object, found {Kind(value)}.", "Use {\"name\":...,\"arguments\":\"{...}\"}.");
            return;
        }

        ValidateFunctionInvocation(value, path, C.InvalidFunctionCall);
    }

    private void ValidateFunctionInvocation(JsonElement function, string path, string code)
    {
        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.ValueEquals(string.Empty))
        {
            Error(code, path + ".name", "The call has no function name.", "Add \"name\" with the function's name.");
        }

        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.String)
        {
            Error(code, path + ".arguments", arguments.ValueKind == JsonValueKind.Object
                    ? "arguments must be a string holding JSON, found an object."
                    : "The call has no arguments string.",
                "Serialize the arguments: \"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\".");
            return;
        }

        if (!IsJson(arguments))
        {
            Warning(C.ToolCallArgumentsNotJson, path + ".arguments", "arguments is not valid JSON.", "Write the arguments the model should produce as a JSON object string.");
        }
    }

    /// <summary>Whether a JSON string value holds one JSON value, checked on its UTF-8 bytes (no string, no document).</summary>
    private static bool IsJson(JsonElement stringValue)
    {
        var raw = JsonMarshal.GetRawUtf8Value(stringValue);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return IsOneJsonValue(raw[1..^1]);
        }

        // Escaped (the usual case: "{\"city\":...}"): unescape the string token into a pooled buffer first.
        var tokenReader = new Utf8JsonReader(raw);
        tokenReader.Read();
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var written = tokenReader.CopyString(rented);
            return IsOneJsonValue(rented.AsSpan(0, written));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The rule of <c>JsonDocument.Parse</c> with default options: exactly one value, depth at most 64, no comments or trailing commas.</summary>
    private static bool IsOneJsonValue(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void ValidateToolAnswer(JsonElement value, string path, Conversation conversation)
    {
        if (value.ValueKind != JsonValueKind.String || value.ValueEquals(string.Empty))
        {
            Error(C.InvalidToolCallId, path, $"tool_call_id must be a non-empty string, found {Kind(value)}.", "Set it to the id of the tool call this message answers.");
            return;
        }

        var id = value.GetString()!;
        if (conversation.Calls is not null && conversation.Calls.TryGetValue(id, out var call))
        {
            conversation.Calls[id] = (call.Path, true, call.Message);
        }
        else
        {
            Error(C.UnmatchedToolMessage, path, $"The tool message answers '{id}', but no earlier assistant message calls a tool with that id.",
                "Use the id of a tool call from a preceding assistant message, or remove the tool message.");
        }
    }

    private void ValidateTools(JsonElement tools, string path)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            Error(C.InvalidTools, path, $"tools must be an array, found {Kind(tools)}.", "Use \"tools\":[{\"type\":\"function\",\"function\":{\"name\":...}}].");
            return;
        }

        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var toolPath = At(path, i++);
            if (tool.ValueKind != JsonValueKind.Object)
            {
                Error(C.InvalidTools, toolPath, $"A tool must be an object, found {Kind(tool)}.", "Use {\"type\":\"function\",\"function\":{\"name\":...}}.");
                continue;
            }

            if (!tool.TryGetProperty("type", out var type) || !(type.ValueKind == JsonValueKind.String && type.ValueEquals("function"u8)))
            {
                Error(C.InvalidTools, toolPath + ".type", "The tool's type must be \"function\".", "Add \"type\":\"function\".");
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                Error(C.InvalidTools, toolPath + ".function", "The tool has no function definition.", "Add \"function\":{\"name\":...,\"parameters\":{...}}.");
                continue;
            }

            ValidateFunctionDefinition(function, toolPath + ".function", C.InvalidTools);
        }
    }

    private void ValidateFunctionDefinition(JsonElement function, string path, string code)
    {
        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.ValueEquals(string.Empty))
        {
            Error(code, path + ".name", "The function definition has no name.", "Add \"name\".");
        }

        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            Error(code, path + ".parameters", $"parameters must be a JSON Schema object, found {Kind(parameters)}.", "Use \"parameters\":{\"type\":\"object\",\"properties\":{...}}.");
        }

        if (function.TryGetProperty("description", out var description) && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            Error(code, path + ".description", $"description must be a string, found {Kind(description)}.", "Write the description as a string.");
        }

        if (function.TryGetProperty("strict", out var strict) && strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            Error(code, path + ".strict", $"strict must be a boolean, found {Kind(strict)}.", "Use true or false.");
        }
    }

    private void ValidateFunctions(JsonElement functions, string path)
    {
        if (functions.ValueKind != JsonValueKind.Array)
        {
            Error(C.InvalidFunctions, path, $"functions must be an array, found {Kind(functions)}.", "Use tools instead (functions is deprecated).");
            return;
        }

        var count = functions.GetArrayLength();
        if (count is 0 or > 128)
        {
            Error(C.InvalidFunctions, path, $"functions holds {count} items; 1 to 128 are allowed.", "Keep 1 to 128 definitions, or move to tools.");
        }

        var i = 0;
        foreach (var function in functions.EnumerateArray())
        {
            var functionPath = At(path, i++);
            if (function.ValueKind != JsonValueKind.Object)
            {
                Error(C.InvalidFunctions, functionPath, $"A function definition must be an object, found {Kind(function)}.", "Use {\"name\":...,\"parameters\":{...}}.");
                continue;
            }

            ValidateFunctionDefinition(function, functionPath, C.InvalidFunctions);
        }
    }

    private void ValidateParallelToolCalls(JsonElement value, string path)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(C.InvalidParallelToolCalls, path, $"parallel_tool_calls must be a boolean, found {Kind(value)}.", "Use true or false.");
        }
    }
}
