using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>One part of a message's content array: <c>{"type":"text","text":...}</c> or <c>{"type":"image_url","image_url":{"url":...,"detail"?:...}}</c>.</summary>
public sealed class TrainingContentPart
{
    private Dictionary<string, JsonElement>? _extra;
    private Dictionary<string, JsonElement>? _imageExtra;

    /// <summary>The <c>text</c> part type.</summary>
    public const string TextType = "text";

    /// <summary>The <c>image_url</c> part type.</summary>
    public const string ImageUrlType = "image_url";

    /// <summary>Gets or sets the part type, e.g. <c>text</c> or <c>image_url</c>.</summary>
    public string Type { get; set; } = TextType;

    /// <summary>Gets or sets the text of a <c>text</c> part.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the URL of an <c>image_url</c> part: an https URL or a <c>data:image/...;base64,</c> URL.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>Gets or sets the image detail of an <c>image_url</c> part: <c>low</c>, <c>high</c> or <c>auto</c> (or <see langword="null"/>).</summary>
    public string? ImageDetail { get; set; }

    /// <summary>Gets the keys this part carries that the toolkit does not model; they are written back unchanged.</summary>
    public IDictionary<string, JsonElement> AdditionalProperties => _extra ??= new(StringComparer.Ordinal);

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static TrainingContentPart FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TrainingContentPart { Type = TextType, Text = text };
    }

    /// <summary>Creates an image part.</summary>
    /// <param name="url">An https URL or a base64 data URL (JPEG, PNG or WEBP).</param>
    /// <param name="detail"><c>low</c>, <c>high</c>, <c>auto</c> or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    public static TrainingContentPart FromImageUrl(string url, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        return new TrainingContentPart { Type = ImageUrlType, ImageUrl = url, ImageDetail = detail };
    }

    /// <summary>Creates an image part holding <paramref name="imageBytes"/> as a base64 data URL.</summary>
    /// <param name="imageBytes">The image bytes.</param>
    /// <param name="mediaType"><c>image/jpeg</c>, <c>image/png</c> or <c>image/webp</c>.</param>
    /// <param name="detail"><c>low</c>, <c>high</c>, <c>auto</c> or <see langword="null"/>.</param>
    /// <returns>The part.</returns>
    public static TrainingContentPart FromImageBytes(ReadOnlySpan<byte> imageBytes, string mediaType, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        return FromImageUrl($"data:{mediaType};base64,{Convert.ToBase64String(imageBytes)}", detail);
    }

    internal static TrainingContentPart Parse(JsonElement element, string path)
    {
        ExampleJson.RequireObject(element, path);
        var part = new TrainingContentPart { Type = string.Empty };
        var sawType = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    part.Type = ExampleJson.RequiredString(property.Value, path + ".type");
                    sawType = true;
                    break;
                case "text":
                    part.Text = ExampleJson.OptionalString(property.Value, path + ".text");
                    break;
                case "image_url":
                    ParseImage(part, property.Value, path + ".image_url");
                    break;
                default:
                    ExampleJson.AddExtra(ref part._extra, property);
                    break;
            }
        }

        if (!sawType)
        {
            throw ExampleJson.Fail(path + ".type", "a content part needs a type.");
        }

        return part;
    }

    private static void ParseImage(TrainingContentPart part, JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            // Tolerated shorthand: "image_url": "https://..."; written back in the documented object form.
            part.ImageUrl = value.GetString();
            return;
        }

        ExampleJson.RequireObject(value, path);
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "url":
                    part.ImageUrl = ExampleJson.RequiredString(property.Value, path + ".url");
                    break;
                case "detail":
                    part.ImageDetail = ExampleJson.OptionalString(property.Value, path + ".detail");
                    break;
                default:
                    ExampleJson.AddExtra(ref part._imageExtra, property);
                    break;
            }
        }
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        ExampleJson.WriteStringIfNotNull(writer, "text", Text);
        if (ImageUrl is not null || _imageExtra is not null)
        {
            writer.WriteStartObject("image_url");
            ExampleJson.WriteStringIfNotNull(writer, "url", ImageUrl);
            ExampleJson.WriteStringIfNotNull(writer, "detail", ImageDetail);
            ExampleJson.WriteExtra(writer, _imageExtra);
            writer.WriteEndObject();
        }

        ExampleJson.WriteExtra(writer, _extra);
        writer.WriteEndObject();
    }
}
