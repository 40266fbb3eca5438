namespace FineTuning.Toolkit.Datasets;

/// <summary>Builds a <see cref="PreferenceExample"/> fluently: the messages form the <c>input</c>, then one preferred and one non-preferred answer.</summary>
/// <example>
/// <code>
/// var example = new PreferenceExampleBuilder()
///     .User("Summarise: ...")
///     .Preferred("A short, faithful summary.")
///     .NonPreferred("A long, made-up summary.")
///     .Build();
/// </code>
/// </example>
public sealed class PreferenceExampleBuilder : TrainingConversationBuilder<PreferenceExampleBuilder>
{
    private readonly List<TrainingMessage> _preferred = [];
    private readonly List<TrainingMessage> _nonPreferred = [];
    private bool? _parallelToolCalls;

    /// <summary>Adds an assistant message to <c>preferred_output</c>.</summary>
    /// <param name="text">The preferred answer.</param>
    /// <returns>This builder.</returns>
    public PreferenceExampleBuilder Preferred(string text) => Preferred(TrainingMessage.Assistant(text));

    /// <summary>Adds a message to <c>preferred_output</c>.</summary>
    /// <param name="message">The message (an assistant message on OpenAI).</param>
    /// <returns>This builder.</returns>
    public PreferenceExampleBuilder Preferred(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _preferred.Add(message);
        return this;
    }

    /// <summary>Adds an assistant message to <c>non_preferred_output</c>.</summary>
    /// <param name="text">The rejected answer.</param>
    /// <returns>This builder.</returns>
    public PreferenceExampleBuilder NonPreferred(string text) => NonPreferred(TrainingMessage.Assistant(text));

    /// <summary>Adds a message to <c>non_preferred_output</c>.</summary>
    /// <param name="message">The message (an assistant message on OpenAI).</param>
    /// <returns>This builder.</returns>
    public PreferenceExampleBuilder NonPreferred(TrainingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _nonPreferred.Add(message);
        return this;
    }

    /// <summary>Sets <c>input.parallel_tool_calls</c>.</summary>
    /// <param name="enabled">The value.</param>
    /// <returns>This builder.</returns>
    public PreferenceExampleBuilder WithParallelToolCalls(bool enabled)
    {
        _parallelToolCalls = enabled;
        return this;
    }

    /// <summary>Creates the example.</summary>
    /// <returns>The example.</returns>
    public PreferenceExample Build() => new()
    {
        Input = new ChatExample(Messages) { Tools = Tools is null ? null : [.. Tools], ParallelToolCalls = _parallelToolCalls },
        PreferredOutput = [.. _preferred],
        NonPreferredOutput = [.. _nonPreferred],
    };
}
