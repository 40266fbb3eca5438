using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.IO;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>
/// A persistent on-disk cache of model responses, one small JSON file per (target, model, request, sample) key,
/// so re-running an evaluation costs nothing. Writes are atomic (temp file, then rename); a corrupt entry is a miss.
/// </summary>
internal sealed class EvalResponseCache
{
    private readonly string _directory;

    public EvalResponseCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    public string Directory => _directory;

    /// <summary>A stable key over everything that decides the response: target, model, messages, sampling options and sample index.</summary>
    public static string ComputeKey(string targetName, string modelId, IReadOnlyList<ChatMessage> messages, ChatOptions options, int sampleIndex)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("v", "1");
            json.WriteString("target", targetName);
            json.WriteString("model", modelId);
            json.WriteNumber("sample", sampleIndex);
            json.WriteStartArray("messages");
            foreach (var message in messages) WriteMessage(json, message);
            json.WriteEndArray();
            json.WriteStartObject("options");
            if (options.Temperature is { } t) json.WriteNumber("temperature", t);
            if (options.MaxOutputTokens is { } m) json.WriteNumber("max_tokens", m);
            if (options.TopP is { } p) json.WriteNumber("top_p", p);
            if (options.Seed is { } s) json.WriteNumber("seed", s);
            if (options.FrequencyPenalty is { } f) json.WriteNumber("frequency_penalty", f);
            if (options.PresencePenalty is { } pp) json.WriteNumber("presence_penalty", pp);
            if (options.StopSequences is { Count: > 0 } stops)
            {
                json.WriteStartArray("stop");
                foreach (var stop in stops) json.WriteStringValue(stop);
                json.WriteEndArray();
            }
            if (options.ResponseFormat is ChatResponseFormatJson format)
            {
                json.WriteString("response_format", format.Schema is { } schema ? "json_schema:" + schema.GetRawText() : "json_object");
            }
            if (options.AdditionalProperties is { Count: > 0 } extra)
            {
                foreach (var pair in extra.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString("x_" + pair.Key, Convert.ToString(pair.Value, CultureInfo.InvariantCulture));
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role.Value);
        if (message.AuthorName is { } name) json.WriteString("name", name);
        json.WriteStartArray("content");
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    json.WriteStringValue("t:" + text.Text);
                    break;
                case FunctionCallContent call:
                    json.WriteStringValue("c:" + call.CallId + ":" + call.Name + ":" + JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
                    break;
                case FunctionResultContent result:
                    json.WriteStringValue("r:" + result.CallId + ":" + Convert.ToString(result.Result, CultureInfo.InvariantCulture));
                    break;
                case UriContent uri:
                    json.WriteStringValue("u:" + uri.Uri);
                    break;
                case DataContent data:
                    json.WriteStringValue("d:" + data.MediaType + ":" + Convert.ToHexStringLower(SHA256.HashData(data.Data.Span)));
                    break;
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public async Task<EvalCachedResponse?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            return await JsonSerializer.DeserializeAsync(stream, EvalRunJsonContext.Default.EvalCachedResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null; // A truncated or unreadable entry is a miss; the fresh response overwrites it.
        }
    }

    public async Task StoreAsync(string key, EvalCachedResponse response, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAsync(PathFor(key), (stream, ct) => JsonSerializer.SerializeAsync(stream, response, EvalRunJsonContext.Default.EvalCachedResponse, ct), cancellationToken).ConfigureAwait(false);
    }

    private string PathFor(string key) => Path.Combine(_directory, key[..2], key + ".json");
}
