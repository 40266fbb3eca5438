using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>A message's content: either a plain string (<see cref="Text"/>) or an array of parts (<see cref="Parts"/>).</summary>
public sealed class TrainingContent
{
    /// <summary>Initializes a new instance of the <see cref="TrainingContent"/> class holding a string.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public TrainingContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingContent"/> class holding parts.</summary>
    /// <param name="parts">The parts (text and image_url).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is <see langword="null"/>.</exception>
    public TrainingContent(IEnumerable<TrainingContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = [.. parts];
    }

    /// <summary>Gets the content when it is a plain string; otherwise <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets the content parts when the content is an array; otherwise <see langword="null"/>.</summary>
    public IList<TrainingContentPart>? Parts { get; }

    /// <summary>Gets a value indicating whether the content is an array of parts.</summary>
    public bool IsParts => Parts is not null;

    /// <summary>Converts a string to content.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator TrainingContent(string text) => new(text);

    /// <summary>Creates content from a string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    public static TrainingContent FromString(string text) => new(text);

    /// <summary>Gets all the text: the string itself, or the text parts joined (images are skipped).</summary>
    /// <returns>The text.</returns>
    public string GetText()
    {
        if (Text is not null)
        {
            return Text;
        }

        var builder = new StringBuilder();
        foreach (var part in Parts!)
        {
            if (part.Text is not null)
            {
                builder.Append(part.Text);
            }
        }

        return builder.ToString();
    }

    /// <summary>Gets the number of image parts.</summary>
    public int ImageCount
    {
        get
        {
            var count = 0;
            if (Parts is not null)
            {
                foreach (var part in Parts)
                {
                    if (part.Type == TrainingContentPart.ImageUrlType)
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => GetText();

    internal static TrainingContent Parse(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return new TrainingContent(value.GetString()!);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ExampleJson.Fail(path, $"content must be a string or an array of parts, found {ExampleJson.Kind(value)}.");
        }

        var parts = new List<TrainingContentPart>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            parts.Add(TrainingContentPart.Parse(item, $"{path}[{i++}]"));
        }

        return new TrainingContent(parts);
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (Text is not null)
        {
            writer.WriteStringValue(Text);
            return;
        }

        writer.WriteStartArray();
        foreach (var part in Parts!)
        {
            part.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
