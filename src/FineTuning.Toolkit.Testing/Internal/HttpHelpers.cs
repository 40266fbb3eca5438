using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FineTuning.Toolkit.Testing.Internal;

internal static class HttpHelpers
{
    public static async Task WriteJsonAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error) => WriteJsonAsync(context, error.ToJson(), error.Status);

    /// <summary>
    /// Reads a JSON object body, streamed (no intermediate copy) and bounded by <see cref="EmulatorConstants.MaxJsonBodyBytes"/>
    /// (413 beyond). Every string and property name is decoded once, so malformed text (invalid UTF-8, lone surrogates)
    /// is a 400 here rather than a 500 later.
    /// </summary>
    public static async Task<JsonObject> ReadJsonObjectAsync(HttpContext context)
    {
        var declared = context.Request.ContentLength;
        if (declared > EmulatorConstants.MaxJsonBodyBytes)
        {
            throw TooLarge(declared.Value);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = EmulatorConstants.MaxJsonBodyBytes;
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex) when (declared is null or 0 && ex.BytePositionInLine == 0 && ex.LineNumber == 0)
        {
            throw ApiError.BadRequest("You must provide a JSON body with this request.");
        }
        catch (JsonException)
        {
            throw ApiError.BadRequest(NotJson);
        }

        if (node is not JsonObject body)
        {
            throw ApiError.BadRequest(node is null ? "You must provide a JSON body with this request." : "The request body must be a JSON object.");
        }

        try
        {
            Validate(body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or DecoderFallbackException)
        {
            throw ApiError.BadRequest(NotJson);
        }

        return body;
    }

    private const string NotJson = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

    private static ApiError TooLarge(long bytes) =>
        new(413, $"The request body is {bytes} bytes; the emulator accepts JSON bodies up to {EmulatorConstants.MaxJsonBodyBytes} bytes.", code: "request_too_large");

    private static void Validate(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    _ = key.Length;
                    Validate(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Validate(item);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                _ = v.GetValue<string>();
                break;
        }
    }

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? throw ApiError.NotFound("Missing path parameter " + name);

    public static int QueryInt(HttpContext context, string name, int fallback, int min, int max)
    {
        var raw = context.Request.Query[name].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiError.BadRequest($"Invalid '{name}': expected an integer between {min} and {max}, got '{raw}'.", name, "invalid_value");
    }

    public static string? Query(HttpContext context, string name)
    {
        var raw = context.Request.Query[name].ToString();
        return string.IsNullOrEmpty(raw) ? null : raw;
    }
}
