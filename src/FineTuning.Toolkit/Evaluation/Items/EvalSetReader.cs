using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
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
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in JsonlReader.ReadAsync(path, null, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                if (record.Kind == JsonlRecordKind.Blank)
                {
                    continue;
                }

                yield return CheckId(FromRecord(record, checked((int)record.LineNumber), format, template), ids);
            }
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
            yield return CheckId(ParseLine(text, lineNumber, format, template), ids);
        }
    }

    private static EvalSetLine CheckId(EvalSetLine line, HashSet<string> ids) =>
        line.Item is { } item && !ids.Add(item.Id) ? new EvalSetLine(line.LineNumber, null, $"duplicate id '{item.Id}' ($.id)") : line;

    /// <summary>Parses one line.</summary>
    /// <param name="text">The line's JSON text.</param>
    /// <param name="lineNumber">The 1-based line number (also the fallback id <c>line-N</c>).</param>
    /// <param name="format">The line shape.</param>
    /// <param name="template">The OpenAI-Evals template, or null for the default.</param>
    /// <returns>The parsed line.</returns>
    public static EvalSetLine ParseLine(string text, int lineNumber, EvalSetFormat format = EvalSetFormat.Auto, EvalSetTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var record = JsonlReader.ReadLine(Encoding.UTF8.GetBytes(text), lineNumber);
        return FromRecord(record, lineNumber, format, template);
    }

    private static EvalSetLine FromRecord(JsonlRecord record, int lineNumber, EvalSetFormat format, EvalSetTemplate? template)
    {
        if (!record.IsObject || record.HasErrors)
        {
            return new(lineNumber, null, ReaderError(record));
        }

        try
        {
            var root = record.Value;
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
        catch (EvalSetLineException ex)
        {
            return new(lineNumber, null, $"{ex.Message} ({ex.JsonPath})");
        }
        catch (DatasetParseException ex)
        {
            return new(lineNumber, null, $"{ex.Reason ?? ex.Message} ({(ex.Path.Length > 0 ? ex.Path : "$")})");
        }
        catch (FormatException ex)
        {
            return new(lineNumber, null, $"{ex.Message} ($.item)");
        }
    }

    /// <summary>The reader's first error for a line that holds no usable object (invalid UTF-8 or JSON, a lone surrogate, not an object).</summary>
    private static string ReaderError(JsonlRecord record)
    {
        var error = record.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        return error?.Code switch
        {
            null or DatasetDiagnosticCodes.NotAnObject => "a line must be a JSON object ($)",
            DatasetDiagnosticCodes.InvalidJson or DatasetDiagnosticCodes.TruncatedLastLine => $"invalid JSON: {error.Message}",
            _ => $"{error.Message} ({(error.Path.Length > 0 ? error.Path : "$")})",
        };
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
        var typed = ChatExample.Parse(root);
        var messages = new List<ChatMessage>(typed.Messages.Count);
        for (var i = 0; i < typed.Messages.Count; i++)
        {
            messages.Add(ToChatMessage(typed.Messages[i], $"$.messages[{i.ToString(CultureInfo.InvariantCulture)}]"));
        }
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
            messages.Add(ToChatMessage(TrainingMessage.Parse(m, at), at));
            index++;
        }
        return messages;
    }

    /// <summary>Maps a typed training message (parsed by the dataset model) to a chat message, with the eval set's own rules (known roles, text or image parts, tool results need their call id).</summary>
    private static ChatMessage ToChatMessage(TrainingMessage typed, string at)
    {
        var role = typed.Role.Value;
        if (string.IsNullOrWhiteSpace(role)) throw new EvalSetLineException(at + ".role", "missing or empty role");
        if (role is not ("system" or "developer" or "user" or "assistant" or "tool"))
        {
            throw new EvalSetLineException(at + ".role", $"unknown role '{role}' (expected system, developer, user, assistant or tool)");
        }
        var message = new ChatMessage { Role = new ChatRole(role), AuthorName = typed.Name };
        if (typed.Content is { Text: { } text })
        {
            if (role == "tool")
            {
                var callId = typed.ToolCallId ?? throw new EvalSetLineException(at + ".tool_call_id", "a tool message needs tool_call_id");
                message.Contents.Add(new FunctionResultContent(callId, text));
            }
            else
            {
                message.Contents.Add(new TextContent(text));
            }
        }
        else if (typed.Content is { Parts: { } parts })
        {
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                if (part.Type == TrainingContentPart.TextType && part.Text is { } partText)
                {
                    message.Contents.Add(new TextContent(partText));
                }
                else if (part.Type == TrainingContentPart.ImageUrlType && part.ImageUrl is { } u)
                {
                    if (u.StartsWith("data:", StringComparison.Ordinal)) message.Contents.Add(new DataContent(u));
                    else message.Contents.Add(new UriContent(new Uri(u), "image/*"));
                }
                else
                {
                    throw new EvalSetLineException($"{at}.content[{i.ToString(CultureInfo.InvariantCulture)}]", "unsupported content part (expected type text or image_url)");
                }
            }
        }
        foreach (var call in typed.ToolCalls ?? [])
        {
            if (call.Function.Name.Length == 0) continue;
            Dictionary<string, object?>? args = null;
            if (call.Function.Arguments is { Length: > 0 } json)
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
            message.Contents.Add(new FunctionCallContent(call.Id, call.Function.Name, args));
        }
        if (message.Contents.Count == 0 && role != "assistant") throw new EvalSetLineException(at + ".content", "the message has no content");
        return message;
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
