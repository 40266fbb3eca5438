using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// Streams an evaluation set from JSONL, one <see cref="EvalSetLine"/> per non-blank line: the toolkit's own item
/// shape, chat training/validation lines, <c>{question, answer}</c> rows or OpenAI-Evals-style <c>{"item": …}</c> rows.
/// </summary>
/// <remarks>
/// Never reads the whole file into memory. A malformed line is yielded with its line number and the reason (and JSON
/// path), never skipped. Duplicate ids are reported on the second occurrence. Blank lines are ignored.
/// </remarks>
public static class EvalSetReader
{
    /// <summary>Reads the evaluation set in <paramref name="path"/>.</summary>
    /// <param name="path">The JSONL file.</param>
    /// <param name="format">The line shape; <see cref="EvalSetFormat.Auto"/> decides per line.</param>
    /// <param name="template">For <see cref="EvalSetFormat.OpenAIEvals"/> rows: how to build messages; the default template otherwise.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The lines, in file order.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<EvalSetLine> ReadAsync(string path, EvalSetFormat format = EvalSetFormat.Auto, EvalSetTemplate? template = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await foreach (var line in ReadAsync(reader, format, template, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <summary>Reads an evaluation set from <paramref name="reader"/>.</summary>
    /// <param name="reader">The JSONL text.</param>
    /// <param name="format">The line shape; <see cref="EvalSetFormat.Auto"/> decides per line.</param>
    /// <param name="template">For <see cref="EvalSetFormat.OpenAIEvals"/> rows: how to build messages; the default template otherwise.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The lines, in order.</returns>
    public static async IAsyncEnumerable<EvalSetLine> ReadAsync(TextReader reader, EvalSetFormat format = EvalSetFormat.Auto, EvalSetTemplate? template = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var line = ParseLine(text, lineNumber, format, template);
            if (line.Item is { } item && !ids.Add(item.Id))
            {
                line = new EvalSetLine(lineNumber, null, $"duplicate id '{item.Id}' ($.id)");
            }
            yield return line;
        }
    }

    /// <summary>Parses one line.</summary>
    /// <param name="text">The line's JSON text.</param>
    /// <param name="lineNumber">The 1-based line number (also the fallback id <c>line-N</c>).</param>
    /// <param name="format">The line shape.</param>
    /// <param name="template">The OpenAI-Evals template, or null for the default.</param>
    /// <returns>The parsed line.</returns>
    public static EvalSetLine ParseLine(string text, int lineNumber, EvalSetFormat format = EvalSetFormat.Auto, EvalSetTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(lineNumber, null, "a line must be a JSON object ($)");
            var effective = format != EvalSetFormat.Auto ? format
                : root.TryGetProperty("input", out _) || root.TryGetProperty("prompt", out _) ? EvalSetFormat.Items
                : root.TryGetProperty("messages", out _) ? EvalSetFormat.Chat
                : root.TryGetProperty("question", out _) ? EvalSetFormat.QuestionAnswer
                : root.TryGetProperty("item", out _) ? EvalSetFormat.OpenAIEvals
                : (EvalSetFormat?)null;
            var item = effective switch
            {
                EvalSetFormat.Items => FromItemLine(root, lineNumber),
                EvalSetFormat.Chat => FromChatLine(root, lineNumber),
                EvalSetFormat.QuestionAnswer => FromQuestionLine(root, lineNumber),
                EvalSetFormat.OpenAIEvals => FromEvalsRow(root, lineNumber, template ?? EvalSetTemplate.CreateDefault()),
                _ => throw new EvalSetLineException("$", "unknown line shape: expected \"input\" or \"prompt\" (eval item), \"messages\" (chat), \"question\" (Q&A) or \"item\" (OpenAI Evals row)"),
            };
            return new(lineNumber, item, null);
        }
        catch (JsonException ex)
        {
            return new(lineNumber, null, $"invalid JSON: {ex.Message}");
        }
        catch (EvalSetLineException ex)
        {
            return new(lineNumber, null, $"{ex.Message} ({ex.JsonPath})");
        }
        catch (FormatException ex)
        {
            return new(lineNumber, null, $"{ex.Message} ($.item)");
        }
    }

    private static EvalItem FromItemLine(JsonElement root, int lineNumber)
    {
        var id = OptionalId(root, lineNumber);
        IReadOnlyList<ChatMessage> input;
        if (root.TryGetProperty("input", out var inputElement))
        {
            input = ReadMessages(inputElement, "$.input");
        }
        else
        {
            var prompt = root.GetProperty("prompt");
            if (prompt.ValueKind != JsonValueKind.String) throw new EvalSetLineException("$.prompt", "prompt must be a string");
            input = [new ChatMessage(ChatRole.User, prompt.GetString())];
        }
        if (input.Count == 0) throw new EvalSetLineException("$.input", "input has no messages");
        return new EvalItem(id, input)
        {
            Reference = OptionalString(root, "reference"),
            Labels = ReadLabels(root),
            Metadata = ReadMetadata(root),
        };
    }

    private static EvalItem FromChatLine(JsonElement root, int lineNumber)
    {
        if (!root.TryGetProperty("messages", out var messagesElement)) throw new EvalSetLineException("$.messages", "missing messages");
        var messages = ReadMessages(messagesElement, "$.messages");
        var last = -1;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.Assistant) { last = i; break; }
        }
        if (last < 0) throw new EvalSetLineException("$.messages", "no assistant message to use as the reference");
        if (last == 0) throw new EvalSetLineException("$.messages[0]", "the assistant message has no prompt before it");
        var id = OptionalId(root, lineNumber);
        return new EvalItem(id, [.. messages.Take(last)])
        {
            Reference = messages[last].Text,
            Labels = ReadLabels(root),
            Metadata = ReadMetadata(root),
        };
    }

    private static EvalItem FromQuestionLine(JsonElement root, int lineNumber)
    {
        var question = OptionalString(root, "question") ?? throw new EvalSetLineException("$.question", "question must be a non-empty string");
        var input = new List<ChatMessage>();
        if (OptionalString(root, "system") is { } system) input.Add(new ChatMessage(ChatRole.System, system));
        input.Add(new ChatMessage(ChatRole.User, question));
        return new EvalItem(OptionalId(root, lineNumber), input)
        {
            Reference = OptionalString(root, "answer"),
            Labels = ReadLabels(root),
            Metadata = ReadMetadata(root),
        };
    }

    private static EvalItem FromEvalsRow(JsonElement root, int lineNumber, EvalSetTemplate template)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object) throw new EvalSetLineException("$.item", "item must be an object");
        var input = new List<ChatMessage>(template.Messages.Count);
        foreach (var (role, content) in template.Messages) input.Add(new ChatMessage(new ChatRole(role), EvalSetTemplate.Apply(content, item)));
        var id = template.IdTemplate is { } idTemplate ? EvalSetTemplate.Apply(idTemplate, item)
            : item.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number ? idElement.ToString()
            : "line-" + lineNumber.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(id)) throw new EvalSetLineException("$.item.id", "the id is empty");
        return new EvalItem(id, input)
        {
            Reference = template.ReferenceTemplate is { } reference ? EvalSetTemplate.Apply(reference, item) : null,
            Metadata = ReadMetadata(root),
        };
    }

    internal static List<ChatMessage> ReadMessages(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new EvalSetLineException(path, "must be an array of messages");
        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var m in element.EnumerateArray())
        {
            var at = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            if (m.ValueKind != JsonValueKind.Object) throw new EvalSetLineException(at, "a message must be an object");
            if (!m.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(roleElement.GetString()))
            {
                throw new EvalSetLineException(at + ".role", "missing or empty role");
            }
            var role = roleElement.GetString()!;
            if (role is not ("system" or "developer" or "user" or "assistant" or "tool"))
            {
                throw new EvalSetLineException(at + ".role", $"unknown role '{role}' (expected system, developer, user, assistant or tool)");
            }
            var message = new ChatMessage { Role = new ChatRole(role) };
            if (m.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) message.AuthorName = name.GetString();
            var hasContent = m.TryGetProperty("content", out var content);
            if (hasContent && content.ValueKind == JsonValueKind.String)
            {
                if (role == "tool")
                {
                    var callId = m.TryGetProperty("tool_call_id", out var tc) && tc.ValueKind == JsonValueKind.String ? tc.GetString()! : throw new EvalSetLineException(at + ".tool_call_id", "a tool message needs tool_call_id");
                    message.Contents.Add(new FunctionResultContent(callId, content.GetString()));
                }
                else
                {
                    message.Contents.Add(new TextContent(content.GetString()));
                }
            }
            else if (hasContent && content.ValueKind == JsonValueKind.Array)
            {
                var partIndex = 0;
                foreach (var part in content.EnumerateArray())
                {
                    if (part.TryGetProperty("type", out var type) && type.GetString() == "text" && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        message.Contents.Add(new TextContent(t.GetString()));
                    }
                    else if (part.TryGetProperty("type", out type) && type.GetString() == "image_url" && part.TryGetProperty("image_url", out var image) && image.TryGetProperty("url", out var url) && url.GetString() is { } u)
                    {
                        if (u.StartsWith("data:", StringComparison.Ordinal)) message.Contents.Add(new DataContent(u));
                        else message.Contents.Add(new UriContent(new Uri(u), "image/*"));
                    }
                    else
                    {
                        throw new EvalSetLineException($"{at}.content[{partIndex.ToString(CultureInfo.InvariantCulture)}]", "unsupported content part (expected type text or image_url)");
                    }
                    partIndex++;
                }
            }
            else if (hasContent && content.ValueKind != JsonValueKind.Null)
            {
                throw new EvalSetLineException(at + ".content", "content must be a string, an array of parts, or null");
            }
            if (m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var fn))
                    {
                        var id = call.TryGetProperty("id", out var cid) ? cid.GetString() ?? string.Empty : string.Empty;
                        Dictionary<string, object?>? args = null;
                        if (function.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() is { Length: > 0 } json)
                        {
                            try
                            {
                                args = JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>))) as Dictionary<string, object?>;
                            }
                            catch (JsonException)
                            {
                                throw new EvalSetLineException(at + ".tool_calls", "function arguments are not a JSON object");
                            }
                        }
                        message.Contents.Add(new FunctionCallContent(id, fn.GetString() ?? string.Empty, args));
                    }
                }
            }
            if (message.Contents.Count == 0 && role != "assistant") throw new EvalSetLineException(at + ".content", "the message has no content");
            messages.Add(message);
            index++;
        }
        return messages;
    }

    private static string OptionalId(JsonElement root, int lineNumber)
    {
        if (!root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null) return "line-" + lineNumber.ToString(CultureInfo.InvariantCulture);
        var value = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => throw new EvalSetLineException("$.id", "id must be a string or a number"),
        };
        if (string.IsNullOrWhiteSpace(value)) throw new EvalSetLineException("$.id", "id is empty");
        return value;
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new EvalSetLineException("$." + name, name + " must be a string"),
        };
    }

    private static Dictionary<string, string>? ReadLabels(JsonElement root)
    {
        if (!root.TryGetProperty("labels", out var labels) || labels.ValueKind == JsonValueKind.Null) return null;
        if (labels.ValueKind != JsonValueKind.Object) throw new EvalSetLineException("$.labels", "labels must be an object of strings");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in labels.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => throw new EvalSetLineException("$.labels." + p.Name, "a label must be a string"),
            };
        }
        return result;
    }

    private static Dictionary<string, JsonElement>? ReadMetadata(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null) return null;
        if (metadata.ValueKind != JsonValueKind.Object) throw new EvalSetLineException("$.metadata", "metadata must be an object");
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in metadata.EnumerateObject()) result[p.Name] = p.Value.Clone();
        return result;
    }
}
