namespace FineTuning.Toolkit.Datasets;

/// <summary>Builds a <see cref="ChatExample"/> fluently.</summary>
/// <example>
/// <code>
/// var example = new ChatExampleBuilder()
///     .System("You are a terse assistant.")
///     .User("What is 2+2?")
///     .Assistant("4")
///     .Build();
/// </code>
/// </example>
public sealed class ChatExampleBuilder : TrainingConversationBuilder<ChatExampleBuilder>
{
    private bool? _parallelToolCalls;

    /// <summary>Sets <c>parallel_tool_calls</c> (on by default on the platform).</summary>
    /// <param name="enabled"><see langword="false"/> to train without parallel tool calls.</param>
    /// <returns>This builder.</returns>
    public ChatExampleBuilder WithParallelToolCalls(bool enabled)
    {
        _parallelToolCalls = enabled;
        return this;
    }

    /// <summary>Creates the example (the builder can be reused; the example does not share its lists).</summary>
    /// <returns>The example.</returns>
    public ChatExample Build() => new(Messages)
    {
        Tools = Tools is null ? null : [.. Tools],
        ParallelToolCalls = _parallelToolCalls,
    };
}
