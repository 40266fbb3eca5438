using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>
/// Counts the tokens of training examples (chat, preference, reinforcement and legacy completion) the way the
/// fine-tuning platform bills them, per example, with a breakdown by role, images, tools and trained tokens.
/// </summary>
/// <remarks>
/// <para>The text itself is counted exactly (<see cref="TiktokenEncoding"/>). The framing around it follows OpenAI's
/// documented estimate (cookbook "How to count tokens with tiktoken" and the fine-tuning data-prep notebook):
/// 3 tokens per message, the role, +1 per <c>name</c>, +3 reply priming per example. Tool definitions use the
/// cookbook's <c>num_tokens_for_tools</c> rule; tool calls count their name and arguments plus
/// <see cref="ChatTokenCounterOptions.TokensPerToolCall"/>. The platform's exact rendering is not published, so the
/// framing is an estimate (typically within a few tokens per message); see docs/tokens-and-cost.md.</para>
/// <para>Thread-safe; one instance can serve any number of threads.</para>
/// </remarks>
public sealed class ChatTokenCounter
{
    private readonly ChatTokenCounterOptions _options;
    private readonly int _functionInit;
    private int _systemRole, _userRole, _assistantRole; // 0 until counted: int writes are atomic, so racing threads agree

    /// <summary>Creates a counter for an encoding.</summary>
    /// <param name="encoding">The model's encoding (see <see cref="TiktokenEncoding.ForModel"/>).</param>
    /// <param name="options">The framing constants; null for the documented defaults.</param>
    public ChatTokenCounter(TiktokenEncoding encoding, ChatTokenCounterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        Encoding = encoding;
        _options = options ?? new ChatTokenCounterOptions();

        // num_tokens_for_tools: func_init is 7 for gpt-4o-class (o200k) models and 10 for gpt-3.5/gpt-4 (cl100k).
        _functionInit = encoding.Name == TiktokenEncoding.O200kBaseName ? 7 : 10;
    }

    /// <summary>The encoding the counter uses.</summary>
    public TiktokenEncoding Encoding { get; }

    /// <summary>A counter for the encoding of <paramref name="modelId"/>.</summary>
    /// <param name="modelId">A model id such as <c>gpt-4.1-mini-2025-04-14</c>.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="ArgumentException">The model is unknown.</exception>
    public static ChatTokenCounter ForModel(string modelId) => new(TiktokenEncoding.ForModel(modelId));

    /// <summary>Counts any kind of example.</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its breakdown.</returns>
    /// <exception cref="NotSupportedException">The example is of a kind this counter does not know.</exception>
    public ExampleTokenBreakdown Count(DatasetExample example) => example switch
    {
        ChatExample chat => Count(chat),
        PreferenceExample preference => Count(preference),
        ReinforcementExample reinforcement => Count(reinforcement),
        CompletionExample completion => Count(completion),
        null => throw new ArgumentNullException(nameof(example)),
        _ => throw new NotSupportedException($"Cannot count tokens of a {example.GetType().Name}."),
    };

    /// <summary>Counts a chat (SFT) example: messages, tools or functions, and reply priming.</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its breakdown.</returns>
    public ExampleTokenBreakdown Count(ChatExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var tally = new Tally();
        AddMessages(ref tally, example.Messages);
        AddTools(ref tally, example.Tools, example.Functions);
        return tally.Build(_options.ReplyPrimingTokens);
    }

    /// <summary>Counts a preference (DPO) example: the input conversation, its tools, and both outputs (each counted once).</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its breakdown.</returns>
    public ExampleTokenBreakdown Count(PreferenceExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var tally = new Tally();
        AddMessages(ref tally, example.Input.Messages);
        AddTools(ref tally, example.Input.Tools, example.Input.Functions);
        int before = tally.AssistantTokens + tally.ToolTokens + tally.OtherTokens + tally.SystemTokens + tally.UserTokens;
        AddMessages(ref tally, example.PreferredOutput);
        int afterPreferred = tally.AssistantTokens + tally.ToolTokens + tally.OtherTokens + tally.SystemTokens + tally.UserTokens;
        AddMessages(ref tally, example.NonPreferredOutput);
        int afterBoth = tally.AssistantTokens + tally.ToolTokens + tally.OtherTokens + tally.SystemTokens + tally.UserTokens;
        tally.Preferred = afterPreferred - before;
        tally.NonPreferred = afterBoth - afterPreferred;
        return tally.Build(_options.ReplyPrimingTokens);
    }

    /// <summary>Counts a reinforcement (RFT) example: its messages and tools (grader fields are not model input and are not counted).</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its breakdown.</returns>
    public ExampleTokenBreakdown Count(ReinforcementExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var tally = new Tally();
        AddMessages(ref tally, example.Messages);
        AddTools(ref tally, example.Tools, null);
        return tally.Build(_options.ReplyPrimingTokens);
    }

    /// <summary>Counts a legacy prompt/completion example: the two texts, no framing; the completion is trained.</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its breakdown.</returns>
    public ExampleTokenBreakdown Count(CompletionExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        int prompt = Encoding.CountTokens(example.Prompt);
        int completion = Encoding.CountTokens(example.Completion);
        return new ExampleTokenBreakdown
        {
            TotalTokens = prompt + completion,
            UserTokens = prompt,
            AssistantTokens = completion,
            AssistantContentTokens = completion,
            TrainedTokens = completion,
        };
    }

    /// <summary>Counts the tool (or legacy function) definitions with the cookbook's <c>num_tokens_for_tools</c> rule.</summary>
    /// <param name="tools">The tools (may be null).</param>
    /// <param name="functions">The legacy functions (may be null).</param>
    /// <returns>The tokens of the definitions; 0 when there are none.</returns>
    public int CountToolDefinitions(IEnumerable<TrainingTool>? tools, IEnumerable<TrainingFunction>? functions)
    {
        var all = (tools?.Select(static t => t.Function) ?? []).Concat(functions ?? []).ToList();
        if (all.Count == 0)
        {
            return 0;
        }

        const int propertiesInit = 3;
        const int propertyKey = 3;
        const int enumInit = -3;
        const int enumItem = 3;
        const int functionsEnd = 12;
        int total = 0;
        foreach (var function in all)
        {
            total += _functionInit;
            total += Encoding.CountTokens(function.Name + ":" + TrimPeriod(function.Description ?? string.Empty));
            if (function.Parameters is { ValueKind: JsonValueKind.Object } parameters
                && parameters.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && properties.EnumerateObject().Any())
            {
                total += propertiesInit;
                foreach (var property in properties.EnumerateObject())
                {
                    total += propertyKey;
                    var schema = property.Value;
                    string type = string.Empty;
                    string description = string.Empty;
                    if (schema.ValueKind == JsonValueKind.Object)
                    {
                        if (schema.TryGetProperty("type", out var t))
                        {
                            type = t.ValueKind == JsonValueKind.String ? t.GetString()! : t.GetRawText();
                        }

                        if (schema.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
                        {
                            description = d.GetString()!;
                        }

                        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
                        {
                            total += enumInit;
                            foreach (var item in values.EnumerateArray())
                            {
                                total += enumItem + Encoding.CountTokens(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                            }
                        }

                        // Nested schemas (objects, arrays of objects) are not in the cookbook rule: count their JSON text.
                        if (schema.TryGetProperty("properties", out var nested) || schema.TryGetProperty("items", out nested))
                        {
                            total += Encoding.CountTokens(nested.GetRawText());
                        }
                    }

                    total += Encoding.CountTokens($"{property.Name}:{type}:{TrimPeriod(description)}");
                }
            }
        }

        return total + functionsEnd;

        static string TrimPeriod(string s) => s.EndsWith('.') ? s[..^1] : s;
    }

    private void AddTools(ref Tally tally, IList<TrainingTool>? tools, IList<TrainingFunction>? functions) =>
        tally.ToolDefinitionTokens += CountToolDefinitions(tools, functions);

    private void AddMessages(ref Tally tally, IEnumerable<TrainingMessage> messages)
    {
        foreach (var message in messages)
        {
            AddMessage(ref tally, message);
        }
    }

    /// <summary>
    /// Counts a common chat line as the validator's single pass read it (text messages only, see <see cref="ChatPassLine"/>), with
    /// the rules of <see cref="Count(ChatExample)"/>: the same line parsed into a <see cref="ChatExample"/> gives the same breakdown.
    /// </summary>
    internal ExampleTokenBreakdown Count(ChatPassLine line)
    {
        var tally = new Tally();
        for (int i = 0; i < line.Count; i++)
        {
            var message = line[i];
            int framing = Framing(message.Role, message.HasName, line.Name(i));
            int body = Encoding.CountTokens(line.Content(i));
            tally.Add(message.Role, framing, body, message.Weight == 0);
        }

        return tally.Build(_options.ReplyPrimingTokens);
    }

    private void AddMessage(ref Tally tally, TrainingMessage message)
    {
        var role = message.Role.Value;
        int framing = Framing(role, message.Name is not null, message.Name);

        int body = 0;
        if (message.Content is { } content)
        {
            if (content.Parts is { } parts)
            {
                foreach (var part in parts)
                {
                    if (part.Type == TrainingContentPart.ImageUrlType)
                    {
                        int imageTokens = ImageTokens(part, ref tally);
                        body += imageTokens;
                        tally.ImageTokens += imageTokens;
                        tally.Images++;
                    }
                    else if (part.Text is { } text)
                    {
                        body += Encoding.CountTokens(text);
                    }
                }
            }
            else if (content.Text is { } text)
            {
                body += Encoding.CountTokens(text);
            }
        }

        if (message.Refusal is { } refusal)
        {
            body += Encoding.CountTokens(refusal);
        }

        if (message.ToolCalls is { } calls)
        {
            foreach (var call in calls)
            {
                body += _options.TokensPerToolCall + Encoding.CountTokens(call.Function.Name) + Encoding.CountTokens(call.Function.Arguments);
            }
        }

        if (message.FunctionCall is { } functionCall)
        {
            body += _options.TokensPerToolCall + Encoding.CountTokens(functionCall.Name) + Encoding.CountTokens(functionCall.Arguments);
        }

        tally.Add(role, framing, body, message.Weight is 0);
    }

    /// <summary>The framing of one message: the per-message tokens, the role, and the name with its extra token.</summary>
    private int Framing(string role, bool hasName, ReadOnlySpan<char> name)
    {
        int framing = _options.TokensPerMessage + RoleTokens(role);
        if (hasName)
        {
            framing += Encoding.CountTokens(name) + _options.TokensPerName;
        }

        return framing;
    }

    /// <summary>The tokens of a role's name (the common roles are counted once per counter).</summary>
    private int RoleTokens(string role) => role switch
    {
        "system" => Cached(ref _systemRole, role),
        "user" => Cached(ref _userRole, role),
        "assistant" => Cached(ref _assistantRole, role),
        _ => Encoding.CountTokens(role),
    };

    private int Cached(ref int slot, string role) => slot != 0 ? slot : slot = Encoding.CountTokens(role);

    private int ImageTokens(TrainingContentPart part, ref Tally tally)
    {
        if (string.Equals(part.ImageDetail, "low", StringComparison.OrdinalIgnoreCase))
        {
            return ImageTokenCalculator.LowDetailTokens;
        }

        if (!ImageTokenCalculator.TryReadDataUrlSize(part.ImageUrl, out int width, out int height))
        {
            (width, height) = _options.UnknownImageSize;
            tally.AssumedImages++;
        }

        return ImageTokenCalculator.Count(width, height, part.ImageDetail);
    }

    private struct Tally
    {
        public int SystemTokens;
        public int UserTokens;
        public int AssistantTokens;
        public int ToolTokens;
        public int OtherTokens;
        public int ToolDefinitionTokens;
        public int ImageTokens;
        public int Images;
        public int AssumedImages;
        public int AssistantContent;
        public int Trained;
        public int Preferred;
        public int NonPreferred;
        public int Messages;
        public int SystemMessages;
        public int UserMessages;
        public int AssistantMessages;
        public int ToolMessages;

        /// <summary>Adds one message's tokens (framing and body) under its role; an assistant's body is trained unless its weight is 0.</summary>
        public void Add(string role, int framing, int body, bool weightZero)
        {
            int total = framing + body;
            Messages++;
            switch (role)
            {
                case "system" or "developer":
                    SystemTokens += total;
                    SystemMessages++;
                    break;
                case "user":
                    UserTokens += total;
                    UserMessages++;
                    break;
                case "assistant":
                    AssistantTokens += total;
                    AssistantMessages++;
                    AssistantContent += body;
                    if (!weightZero)
                    {
                        Trained += body;
                    }

                    break;
                case "tool" or "function":
                    ToolTokens += total;
                    ToolMessages++;
                    break;
                default:
                    OtherTokens += total;
                    break;
            }
        }

        public readonly ExampleTokenBreakdown Build(int priming) => new()
        {
            TotalTokens = SystemTokens + UserTokens + AssistantTokens + ToolTokens + OtherTokens + ToolDefinitionTokens + priming,
            TrainedTokens = Trained,
            AssistantContentTokens = AssistantContent,
            SystemTokens = SystemTokens,
            UserTokens = UserTokens,
            AssistantTokens = AssistantTokens,
            ToolTokens = ToolTokens,
            OtherTokens = OtherTokens,
            ToolDefinitionTokens = ToolDefinitionTokens,
            PrimingTokens = priming,
            ImageTokens = ImageTokens,
            Images = Images,
            ImagesOfAssumedSize = AssumedImages,
            PreferredOutputTokens = Preferred,
            NonPreferredOutputTokens = NonPreferred,
            Messages = Messages,
            SystemMessages = SystemMessages,
            UserMessages = UserMessages,
            AssistantMessages = AssistantMessages,
            ToolMessages = ToolMessages,
        };
    }
}
