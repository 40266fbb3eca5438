using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// Writes a chat completion as the platform streams it (<c>stream: true</c>): server-sent events of
/// <c>chat.completion.chunk</c> objects (role, then content pieces, then the finish reason), a last chunk with the
/// usage and no choices when <c>stream_options.include_usage</c> is true, then <c>data: [DONE]</c>.
/// </summary>
internal static class ChatStreamWriter
{
    /// <summary>True when the request asks for a stream.</summary>
    public static bool Wants(JsonObject body) => body["stream"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static async Task WriteAsync(HttpContext context, JsonObject body, JsonObject completion)
    {
        var includeUsage = body["stream_options"] is JsonObject options && options["include_usage"] is JsonValue iu && iu.GetValueKind() == JsonValueKind.True;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var ct = context.RequestAborted;

        foreach (var choice in completion["choices"]!.AsArray())
        {
            var index = (int)choice!["index"]!;
            var text = (string?)choice["message"]?["content"] ?? string.Empty;
            await SendAsync(Chunk(completion, includeUsage, index, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty, ["refusal"] = null }, null)).ConfigureAwait(false);
            foreach (var piece in ChatResponder.Tokens(text))
            {
                await SendAsync(Chunk(completion, includeUsage, index, new JsonObject { ["content"] = piece }, null)).ConfigureAwait(false);
            }

            await SendAsync(Chunk(completion, includeUsage, index, new JsonObject(), (string?)choice["finish_reason"])).ConfigureAwait(false);
        }

        if (includeUsage)
        {
            var last = Header(completion);
            last["choices"] = new JsonArray();
            last["usage"] = completion["usage"]!.DeepClone();
            await SendAsync(last).ConfigureAwait(false);
        }

        await response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);

        async Task SendAsync(JsonObject chunk)
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + chunk.ToJsonString() + "\n\n"), ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private static JsonObject Header(JsonObject completion) => new()
    {
        ["id"] = completion["id"]!.DeepClone(),
        ["object"] = "chat.completion.chunk",
        ["created"] = completion["created"]!.DeepClone(),
        ["model"] = completion["model"]!.DeepClone(),
        ["service_tier"] = completion["service_tier"]?.DeepClone(),
        ["system_fingerprint"] = completion["system_fingerprint"]?.DeepClone(),
    };

    private static JsonObject Chunk(JsonObject completion, bool includeUsage, int index, JsonObject delta, string? finish)
    {
        var chunk = Header(completion);
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish });
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk;
    }
}
