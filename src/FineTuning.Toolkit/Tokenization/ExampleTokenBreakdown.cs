namespace FineTuning.Toolkit.Tokenization;

/// <summary>
/// The tokens of one training example as the platform bills them (an estimate with OpenAI's documented per-message
/// overheads; see docs/tokens-and-cost.md). <see cref="TotalTokens"/> = <see cref="SystemTokens"/> + <see cref="UserTokens"/>
/// + <see cref="AssistantTokens"/> + <see cref="ToolTokens"/> + <see cref="OtherTokens"/> + <see cref="ToolDefinitionTokens"/> + <see cref="PrimingTokens"/>.
/// </summary>
public sealed record ExampleTokenBreakdown
{
    /// <summary>All tokens of the example (what is billed per epoch and compared with the model's training context).</summary>
    public int TotalTokens { get; init; }

    /// <summary>Tokens the model is trained on: content, refusal and tool calls of assistant messages whose weight is not 0 (no framing).</summary>
    public int TrainedTokens { get; init; }

    /// <summary>Content, refusal and tool-call tokens of all assistant messages, whatever their weight (the cookbook's "assistant tokens").</summary>
    public int AssistantContentTokens { get; init; }

    /// <summary>Tokens of system and developer messages, framing included.</summary>
    public int SystemTokens { get; init; }

    /// <summary>Tokens of user messages, framing and images included.</summary>
    public int UserTokens { get; init; }

    /// <summary>Tokens of assistant messages (for preference examples also both outputs), framing included.</summary>
    public int AssistantTokens { get; init; }

    /// <summary>Tokens of tool and legacy function messages, framing included.</summary>
    public int ToolTokens { get; init; }

    /// <summary>Tokens of messages with any other role, framing included.</summary>
    public int OtherTokens { get; init; }

    /// <summary>Tokens of the tool (or legacy function) definitions.</summary>
    public int ToolDefinitionTokens { get; init; }

    /// <summary>The reply-priming tokens added once per example.</summary>
    public int PrimingTokens { get; init; }

    /// <summary>Tokens of the images (included in <see cref="UserTokens"/>).</summary>
    public int ImageTokens { get; init; }

    /// <summary>The number of images.</summary>
    public int Images { get; init; }

    /// <summary>Images whose size was unknown, so <see cref="ChatTokenCounterOptions.UnknownImageSize"/> was assumed.</summary>
    public int ImagesOfAssumedSize { get; init; }

    /// <summary>For preference examples: the tokens of the preferred output (framing included); otherwise 0.</summary>
    public int PreferredOutputTokens { get; init; }

    /// <summary>For preference examples: the tokens of the non-preferred output (framing included); otherwise 0.</summary>
    public int NonPreferredOutputTokens { get; init; }

    /// <summary>The number of messages (for preference examples, input and outputs).</summary>
    public int Messages { get; init; }

    /// <summary>The number of system and developer messages.</summary>
    public int SystemMessages { get; init; }

    /// <summary>The number of user messages.</summary>
    public int UserMessages { get; init; }

    /// <summary>The number of assistant messages.</summary>
    public int AssistantMessages { get; init; }

    /// <summary>The number of tool and legacy function messages.</summary>
    public int ToolMessages { get; init; }

    /// <summary>Converts to the counts the cost estimator aggregates.</summary>
    /// <param name="lineNumber">The example's 1-based line in its file.</param>
    /// <returns>The counts.</returns>
    public ExampleTokenCounts ToExampleTokenCounts(long lineNumber) => new()
    {
        LineNumber = lineNumber,
        TotalTokens = TotalTokens,
        AssistantTokens = AssistantContentTokens,
        TrainedTokens = TrainedTokens,
        Messages = Messages,
        SystemMessages = SystemMessages,
        UserMessages = UserMessages,
        AssistantMessages = AssistantMessages,
        ToolMessages = ToolMessages,
        Images = Images,
    };
}
