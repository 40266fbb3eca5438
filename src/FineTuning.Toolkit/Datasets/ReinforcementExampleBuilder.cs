using FineTuning.Toolkit.IO;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Builds a <see cref="ReinforcementExample"/> fluently: the prompt messages, tools, and the fields graders reference as <c>{{item.key}}</c>.</summary>
/// <example>
/// <code>
/// var example = new ReinforcementExampleBuilder()
///     .Developer("Answer with a number.")
///     .User("What is 6 * 7?")
///     .WithGraderField("reference_answer", "42")
///     .Build();
/// </code>
/// </example>
public sealed class ReinforcementExampleBuilder : TrainingConversationBuilder<ReinforcementExampleBuilder>
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    /// <summary>Sets a grader field to a string.</summary>
    /// <param name="name">The key (not <c>messages</c> or <c>tools</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public ReinforcementExampleBuilder WithGraderField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return WithGraderField(name, JsonSerializer.SerializeToElement(value, ToolkitJson.Info<string>()));
    }

    /// <summary>Sets a grader field to a number.</summary>
    /// <param name="name">The key (not <c>messages</c> or <c>tools</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public ReinforcementExampleBuilder WithGraderField(string name, double value) =>
        WithGraderField(name, JsonSerializer.SerializeToElement(value, ToolkitJson.Info<double>()));

    /// <summary>Sets a grader field to any JSON value (object, array, ...), kept verbatim.</summary>
    /// <param name="name">The key (not <c>messages</c> or <c>tools</c>).</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is reserved.</exception>
    public ReinforcementExampleBuilder WithGraderField(string name, JsonElement value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "messages" or "tools")
        {
            throw new ArgumentException($"'{name}' is reserved by the reinforcement format.", nameof(name));
        }

        _fields[name] = value.Clone();
        return this;
    }

    /// <summary>Creates the example.</summary>
    /// <returns>The example.</returns>
    public ReinforcementExample Build()
    {
        var example = new ReinforcementExample { Messages = [.. Messages], Tools = Tools is null ? null : [.. Tools] };
        foreach (var (name, value) in _fields)
        {
            example.GraderFields[name] = value;
        }

        return example;
    }
}
