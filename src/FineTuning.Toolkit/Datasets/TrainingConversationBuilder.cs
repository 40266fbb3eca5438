namespace FineTuning.Toolkit.Datasets;

/// <summary>The fluent message methods shared by <see cref="ChatExampleBuilder"/>, <see cref="PreferenceExampleBuilder"/> and <see cref="ReinforcementExampleBuilder"/>.</summary>
/// <typeparam name="TBuilder">The concrete builder, returned by every method for chaining.</typeparam>
public abstract class TrainingConversationBuilder<TBuilder>
    where TBuilder : TrainingConversationBuilder<TBuilder>
{
    private protected TrainingConversationBuilder()
    {
    }

    /// <summary>Gets the messages added so far.</summary>
    protected List<TrainingMessage> Messages { get; } = [];

    /// <summary>Gets the tools added so far, or <see langword="null"/>.</summary>
    protected List<TrainingTool>? Tools { get; private set; }

    private TBuilder Self => (TBuilder)this;

    /// <summary>Adds a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    public TBuilder Message(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Messages.Add(message);
        return Self;
    }

    /// <summary>Adds a system message (chat and preference formats; use <see cref="Developer(string)"/> for reinforcement).</summary>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    public TBuilder System(string text) => Message(TrainingMessage.System(text));

    /// <summary>Adds a developer message (reinforcement format).</summary>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    public TBuilder Developer(string text) => Message(TrainingMessage.Developer(text));

    /// <summary>Adds a user message.</summary>
    /// <param name="text">The text.</param>
    /// <param name="name">An optional participant name.</param>
    /// <returns>This builder.</returns>
    public TBuilder User(string text, string? name = null)
    {
        var message = TrainingMessage.User(text);
        message.Name = name;
        return Message(message);
    }

    /// <summary>Adds a user message with text and images (https URLs or base64 data URLs).</summary>
    /// <param name="text">The text.</param>
    /// <param name="imageUrls">The image URLs.</param>
    /// <param name="detail"><c>low</c>, <c>high</c>, <c>auto</c> or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public TBuilder UserWithImages(string text, IEnumerable<string> imageUrls, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(imageUrls);
        var parts = new List<TrainingContentPart> { TrainingContentPart.FromText(text) };
        foreach (var url in imageUrls)
        {
            parts.Add(TrainingContentPart.FromImageUrl(url, detail));
        }

        return Message(TrainingMessage.User(new TrainingContent(parts)));
    }

    /// <summary>Adds an assistant message.</summary>
    /// <param name="text">The text.</param>
    /// <param name="weight">0 to exclude this turn from training, 1 to include it, <see langword="null"/> for the default.</param>
    /// <returns>This builder.</returns>
    public TBuilder Assistant(string text, int? weight = null)
    {
        if (weight is not null and not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be 0 or 1.");
        }

        return Message(TrainingMessage.Assistant(text, weight));
    }

    /// <summary>Adds an assistant message that calls one function tool.</summary>
    /// <param name="id">The call id (repeat it in <see cref="Tool(string, string)"/>).</param>
    /// <param name="functionName">The function name.</param>
    /// <param name="argumentsJson">The arguments as a JSON string.</param>
    /// <returns>This builder.</returns>
    public TBuilder AssistantToolCall(string id, string functionName, string argumentsJson) =>
        AssistantToolCalls(new TrainingToolCall(id, functionName, argumentsJson));

    /// <summary>Adds an assistant message that calls several tools (parallel tool calls).</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>This builder.</returns>
    public TBuilder AssistantToolCalls(params IEnumerable<TrainingToolCall> calls) => Message(TrainingMessage.AssistantToolCalls(calls));

    /// <summary>Adds a tool message answering the call <paramref name="toolCallId"/>.</summary>
    /// <param name="toolCallId">The id of the answered call.</param>
    /// <param name="content">The tool's result.</param>
    /// <returns>This builder.</returns>
    public TBuilder Tool(string toolCallId, string content) => Message(TrainingMessage.Tool(toolCallId, content));

    /// <summary>Adds a function tool definition to <c>tools</c>.</summary>
    /// <param name="function">The function definition.</param>
    /// <returns>This builder.</returns>
    public TBuilder WithTool(TrainingFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        (Tools ??= []).Add(new TrainingTool(function));
        return Self;
    }

    /// <summary>Adds a function tool definition to <c>tools</c>.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">The description, or <see langword="null"/>.</param>
    /// <param name="parametersJsonSchema">The parameters' JSON Schema as text, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public TBuilder WithTool(string name, string? description = null, string? parametersJsonSchema = null) =>
        WithTool(TrainingFunction.Create(name, description, parametersJsonSchema));
}
