using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A reinforcement fine-tuning example: <c>{"messages":[...], "tools"?, ...}</c>. Every other top-level key (for example
/// <c>reference_answer</c>) is kept verbatim in <see cref="DatasetExample.AdditionalProperties"/>, where graders reference it as <c>{{item.key}}</c>.
/// </summary>
public sealed class ReinforcementExample : DatasetExample
{
    /// <inheritdoc/>
    public override DatasetFormat Format => DatasetFormat.Reinforcement;

    /// <summary>Gets or sets the prompt (developer, user, assistant and tool messages; usually ending with a user message).</summary>
    public IList<TrainingMessage> Messages { get; set; } = [];

    /// <summary>Gets or sets the tool definitions, or <see langword="null"/>.</summary>
    public IList<TrainingTool>? Tools { get; set; }

    /// <summary>Gets the grader fields: every top-level key other than <c>messages</c> and <c>tools</c>, verbatim.</summary>
    public IDictionary<string, JsonElement> GraderFields => AdditionalProperties;

    /// <summary>Parses a reinforcement example.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The example.</returns>
    /// <exception cref="DatasetParseException">The value has the wrong shape.</exception>
    public static ReinforcementExample Parse(JsonElement element)
    {
        ExampleJson.RequireObject(element, "$");
        var example = new ReinforcementExample();
        var sawMessages = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "messages":
                    example.Messages = TrainingMessage.ParseList(property.Value, "$.messages");
                    sawMessages = true;
                    break;
                case "tools":
                    example.Tools = ParseTools(property.Value, "$.tools");
                    break;
                default:
                    example.ReadExtra(property);
                    break;
            }
        }

        if (!sawMessages)
        {
            throw ExampleJson.Fail("$.messages", "a reinforcement example needs messages.");
        }

        return example;
    }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        TrainingMessage.WriteList(writer, "messages", Messages);
        WriteTools(writer, Tools);
        WriteExtra(writer);
        writer.WriteEndObject();
    }
}
