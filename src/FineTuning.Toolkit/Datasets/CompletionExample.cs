using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A legacy prompt/completion example (<c>babbage-002</c>, <c>davinci-002</c>): <c>{"prompt":"...","completion":"..."}</c>.</summary>
public sealed class CompletionExample : DatasetExample
{
    /// <summary>Initializes a new instance of the <see cref="CompletionExample"/> class.</summary>
    public CompletionExample()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CompletionExample"/> class.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="completion">The completion.</param>
    public CompletionExample(string prompt, string completion)
    {
        Prompt = prompt;
        Completion = completion;
    }

    /// <inheritdoc/>
    public override DatasetFormat Format => DatasetFormat.Completion;

    /// <summary>Gets or sets the prompt.</summary>
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Gets or sets the completion.</summary>
    public string Completion { get; set; } = string.Empty;

    /// <summary>Parses a prompt/completion example.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The example.</returns>
    /// <exception cref="DatasetParseException">The value has the wrong shape.</exception>
    public static CompletionExample Parse(JsonElement element)
    {
        ExampleJson.RequireObject(element, "$");
        var example = new CompletionExample();
        bool sawPrompt = false, sawCompletion = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "prompt":
                    example.Prompt = ExampleJson.RequiredString(property.Value, "$.prompt");
                    sawPrompt = true;
                    break;
                case "completion":
                    example.Completion = ExampleJson.RequiredString(property.Value, "$.completion");
                    sawCompletion = true;
                    break;
                default:
                    example.ReadExtra(property);
                    break;
            }
        }

        if (!sawPrompt)
        {
            throw ExampleJson.Fail("$.prompt", "a completion example needs a prompt.");
        }

        if (!sawCompletion)
        {
            throw ExampleJson.Fail("$.completion", "a completion example needs a completion.");
        }

        return example;
    }

    /// <inheritdoc/>
    public override void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("prompt", Prompt);
        writer.WriteString("completion", Completion);
        WriteExtra(writer);
        writer.WriteEndObject();
    }
}
