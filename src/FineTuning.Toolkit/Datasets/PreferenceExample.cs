using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A preference (DPO) example: <c>{"input":{"messages":[...],"tools"?,"parallel_tool_calls"?}, "preferred_output":[assistant], "non_preferred_output":[assistant]}</c>.
/// </summary>
public sealed class PreferenceExample : DatasetExample
{
    /// <inheritdoc/>
    public override DatasetFormat Format => DatasetFormat.Preference;

    /// <summary>Gets or sets the prompt conversation (<c>input</c>): messages, tools, parallel_tool_calls.</summary>
    public ChatExample Input { get; set; } = new();

    /// <summary>Gets or sets the preferred output (one assistant message on OpenAI).</summary>
    public IList<TrainingMessage> PreferredOutput { get; set; } = [];

    /// <summary>Gets or sets the non-preferred output (one assistant message on OpenAI).</summary>
    public IList<TrainingMessage> NonPreferredOutput { get; set; } = [];

    /// <summary>Parses a preference example.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The example.</returns>
    /// <exception cref="DatasetParseException">The value has the wrong shape.</exception>
    public static PreferenceExample Parse(JsonElement element)
    {
        ExampleJson.RequireObject(element, "$");
        var example = new PreferenceExample();
        bool sawInput = false, sawPreferred = false, sawNonPreferred = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input":
                    example.Input = ChatExample.Parse(property.Value, "$.input");
                    sawInput = true;
                    break;
                case "preferred_output":
                    example.PreferredOutput = TrainingMessage.ParseList(property.Value, "$.preferred_output");
                    sawPreferred = true;
                    break;
                case "non_preferred_output":
                    example.NonPreferredOutput = TrainingMessage.ParseList(property.Value, "$.non_preferred_output");
                    sawNonPreferred = true;
                    break;
                default:
                    example.ReadExtra(property);
                    break;
            }
        }

        if (!sawInput)
        {
            throw ExampleJson.Fail("$.input", "a preference example needs input.");
        }

        if (!sawPreferred)
        {
            throw ExampleJson.Fail("$.preferred_output", "a preference example needs preferred_output.");
        }

        if (!sawNonPreferred)
        {
            throw ExampleJson.Fail("$.non_preferred_output", "a preference example needs non_preferred_output.");
        }

        return example;
    }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("input");
        Input.WriteTo(writer);
        TrainingMessage.WriteList(writer, "preferred_output", PreferredOutput);
        TrainingMessage.WriteList(writer, "non_preferred_output", NonPreferredOutput);
        WriteExtra(writer);
        writer.WriteEndObject();
    }
}
