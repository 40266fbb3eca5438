using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

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

    public static async Task<JsonObject> ReadJsonObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            throw ApiError.BadRequest("You must provide a JSON body with this request.");
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject
                ?? throw ApiError.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw ApiError.BadRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
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
