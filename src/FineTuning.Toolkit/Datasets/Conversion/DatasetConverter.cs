using System.Buffers;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>
/// Converts datasets between shapes, streaming: legacy prompt/completion JSONL to chat, CSV to chat, and chat to an eval set
/// (<c>{"id", "input", "reference", "metadata": {"source_line"}}</c>). Outputs are written atomically; every input record that
/// cannot be converted is reported with its line number.
/// </summary>
/// <example>
/// <code>
/// var report = await DatasetConverter.LegacyToChatAsync("legacy.jsonl", "chat.jsonl",
///     new LegacyConversionOptions { SystemPrompt = "Classify the question.", StripSeparators = true });
/// Console.WriteLine($"{report.Written} examples; separator '{report.DetectedPromptSeparator}'");
/// </code>
/// </example>
public static class DatasetConverter
{
    private static readonly string[] UserNames = ["user", "prompt", "question", "input", "instruction"];
    private static readonly string[] AssistantNames = ["assistant", "completion", "answer", "output", "response"];
    private static readonly string[] SystemNames = ["system", "system_prompt", "system prompt"];

    /// <summary>Converts legacy <c>{"prompt", "completion"}</c> JSONL to chat examples (optional system, user, assistant).</summary>
    /// <param name="inputPath">The legacy JSONL file (read twice: once to detect the shared separator and stop sequence).</param>
    /// <param name="outputPath">The chat JSONL file to write.</param>
    /// <param name="options">The options, or <see langword="null"/> to keep the text as it is.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Counts, errors and the detected separators.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    public static async Task<ConversionReport> LegacyToChatAsync(string inputPath, string outputPath, LegacyConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        DataprepPaths.EnsureDistinct(inputPath, outputPath);
        options ??= new LegacyConversionOptions();
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.convert.legacy");

        var affixes = new LegacyAffixes();
        await foreach (var record in ExampleRecords.ReadAsync(inputPath, [], cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                if (TryGetPair(record, null, out var prompt, out var completion))
                {
                    affixes.Observe(prompt, completion);
                }
            }
        }

        var separator = options.StripSeparators ? options.PromptSeparator ?? affixes.PromptSeparator : null;
        var stop = options.StripSeparators ? options.CompletionStop ?? affixes.CompletionStop : null;
        var errors = new List<DatasetDiagnostic>();
        var warnings = new List<DatasetDiagnostic>();
        long read = 0;
        await using var writer = JsonlWriter.Create(outputPath);
        await foreach (var record in ExampleRecords.ReadAsync(inputPath, errors, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                read++;
                if (!TryGetPair(record, errors, out var prompt, out var completion))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(prompt))
                {
                    warnings.Add(DatasetDiagnostic.Warning(ConversionDiagnosticCodes.EmptyPrompt, record.LineNumber, "$.prompt", "prompt is empty; the converted user message is empty.", "Fill in the prompt or remove the line."));
                }

                if (options.StripSeparators)
                {
                    prompt = LegacyAffixes.StripPrompt(prompt, separator);
                    completion = LegacyAffixes.StripCompletion(completion, stop);
                }

                if ((options.StripSeparators || separator is null && affixes.PromptSeparator is null) && LegacyAffixes.TrailingPromptSeparator(prompt) is { } left)
                {
                    warnings.Add(DatasetDiagnostic.Warning(ConversionDiagnosticCodes.SeparatorLeftBehind, record.LineNumber, "$.prompt",
                        $"prompt still ends with the legacy separator \"{left.Replace("\n", "\\n", StringComparison.Ordinal)}\" (the file mixes separators{(separator is null ? string.Empty : ", or this line does not use the stripped one")}).",
                        "Make the separators consistent, or pass the one this line uses with --prompt-separator."));
                }

                await writer.WriteAsync(Chat(options.SystemPrompt, prompt, completion), cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ConversionReport(read + errors.Count(e => e.Code.StartsWith("FT1", StringComparison.Ordinal)), writer.LineCount, errors)
        {
            DetectedPromptSeparator = affixes.PromptSeparator,
            DetectedCompletionStop = affixes.CompletionStop,
            StrippedPromptSeparator = separator,
            StrippedCompletionStop = stop,
            Warnings = warnings,
        };
    }

    /// <summary>Converts a CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) to chat examples.</summary>
    /// <param name="inputPath">The CSV file (UTF-8; a byte-order mark is accepted).</param>
    /// <param name="outputPath">The chat JSONL file to write.</param>
    /// <param name="options">The column mapping and CSV dialect, or <see langword="null"/> for a comma-separated file with a header.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Counts and the records that could not be converted.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="ArgumentException">A mapped column does not exist, or no user/assistant column can be found.</exception>
    public static async Task<ConversionReport> CsvToChatAsync(string inputPath, string outputPath, CsvConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        DataprepPaths.EnsureDistinct(inputPath, outputPath);
        options ??= new CsvConversionOptions();
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.convert.csv");
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"'{inputPath}' does not exist.", inputPath);
        }

        using var reader = new StreamReader(inputPath, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var errors = new List<DatasetDiagnostic>();
        long read = 0;
        string[]? header = null;
        (int? System, int User, int Assistant)? columns = options.HasHeader ? null : ResolveColumns(options, null);
        await using var writer = JsonlWriter.Create(outputPath);
        await foreach (var record in CsvRecordReader.ReadAsync(reader, options.Delimiter, cancellationToken).ConfigureAwait(false))
        {
            if (record.Fields is null)
            {
                read++;
                errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.MalformedCsvRecord, record.Line, string.Empty, record.Error!, "Quote fields that contain quotes, delimiters or line breaks, and double the quotes inside them."));
                continue;
            }

            if (columns is null)
            {
                header = record.Fields;
                columns = ResolveColumns(options, header);
                continue;
            }

            read++;
            var fields = record.Fields;
            if (header is not null && fields.Length != header.Length)
            {
                errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.CsvFieldCount, record.Line, string.Empty, $"The record has {fields.Length} fields; the header has {header.Length}.", "Check for an unquoted delimiter or a missing field."));
                continue;
            }

            var (systemColumn, userColumn, assistantColumn) = columns.Value;
            var user = Cell(fields, userColumn);
            var assistant = Cell(fields, assistantColumn);
            if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(assistant))
            {
                var which = string.IsNullOrWhiteSpace(user) ? $"user (column {userColumn + 1})" : $"assistant (column {assistantColumn + 1})";
                errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.CsvMissingText, record.Line, string.Empty, $"The {which} cell is empty or missing.", "Fill the cell or remove the record."));
                continue;
            }

            var system = systemColumn is { } s ? Cell(fields, s) : null;
            await writer.WriteAsync(Chat(string.IsNullOrEmpty(system) ? options.SystemPrompt : system, user, assistant), cancellationToken).ConfigureAwait(false);
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ConversionReport(read, writer.LineCount, errors);
    }

    /// <summary>
    /// Converts chat examples to an eval set: one line per example,
    /// <c>{"id": "...", "input": [messages before the last assistant turn], "reference": "last assistant text", "metadata": {"source_line": N}}</c>.
    /// </summary>
    /// <param name="inputPath">The chat JSONL file.</param>
    /// <param name="outputPath">The eval-set JSONL file to write.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Counts and the examples that could not be converted.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    public static async Task<ConversionReport> ChatToEvalSetAsync(string inputPath, string outputPath, EvalSetConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        DataprepPaths.EnsureDistinct(inputPath, outputPath);
        options ??= new EvalSetConversionOptions();
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.convert.evalset");
        var errors = new List<DatasetDiagnostic>();
        long read = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = JsonlWriter.Create(outputPath);
        await foreach (var record in ExampleRecords.ReadAsync(inputPath, errors, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                read++;
                var line = record.LineNumber;
                if (!DatasetExample.TryParse(record.Value, DatasetFormat.Chat, out var parsed, out var parseError) || parsed is not ChatExample chat)
                {
                    errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.NotChat, line, parseError?.Path is { Length: > 0 } p ? p : "$.messages",
                        $"The line is not a chat example: {parseError?.Reason ?? parseError?.Message ?? "no messages array."}", "Only chat examples can become eval items."));
                    continue;
                }

                var messages = chat.Messages;
                var last = -1;
                for (var index = 0; index < messages.Count; index++)
                {
                    if (messages[index].Role == TrainingRole.Assistant)
                    {
                        last = index;
                    }
                }

                if (last <= 0)
                {
                    errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.NoReferenceTurn, line, "$.messages", last < 0 ? "The example has no assistant message." : "Nothing comes before the assistant message.", "An eval item needs input messages followed by an assistant answer."));
                    continue;
                }

                var reference = new StringBuilder();
                Deduplication.ExampleText.AppendContent(reference, messages[last].Content);
                var referenceText = reference.ToString().Trim();
                if (referenceText.Length == 0)
                {
                    errors.Add(DatasetDiagnostic.Error(ConversionDiagnosticCodes.EmptyReference, line, $"$.messages[{last}].content", "The last assistant message has no text.", "Use an example whose last assistant turn is a text answer."));
                    continue;
                }

                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    json.WriteStartObject();
                    json.WriteString("id", ItemId(chat, options.IdPrefix, line));
                    json.WriteStartArray("input");
                    for (var i = 0; i < last; i++)
                    {
                        messages[i].WriteTo(json);
                    }

                    json.WriteEndArray();
                    json.WriteString("reference", referenceText);
                    json.WriteStartObject("metadata");
                    json.WriteNumber("source_line", line);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                await writer.WriteRawAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ConversionReport(read + errors.Count(e => e.Code.StartsWith("FT1", StringComparison.Ordinal)), writer.LineCount, errors);
    }

    private static string ItemId(ChatExample example, string prefix, long line) =>
        example.AdditionalProperties.TryGetValue("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText())
            : $"{prefix}{line}";

    private static ChatExample Chat(string? system, string user, string assistant)
    {
        var messages = new List<TrainingMessage>(3);
        if (!string.IsNullOrEmpty(system))
        {
            messages.Add(TrainingMessage.System(system));
        }

        messages.Add(TrainingMessage.User(user));
        messages.Add(TrainingMessage.Assistant(assistant));
        return new ChatExample(messages);
    }

    private static bool TryGetPair(JsonlRecord record, List<DatasetDiagnostic>? errors, out string prompt, out string completion)
    {
        prompt = completion = string.Empty;
        if (!DatasetExample.TryParse(record.Value, DatasetFormat.Completion, out var parsed, out var error) || parsed is not CompletionExample legacy)
        {
            if (error?.Path == "$.completion")
            {
                errors?.Add(DatasetDiagnostic.Error(DatasetDiagnosticCodes.MissingCompletion, record.LineNumber, "$.completion", "completion is missing or not a string.", "Each legacy line needs a string completion."));
            }
            else
            {
                errors?.Add(DatasetDiagnostic.Error(DatasetDiagnosticCodes.MissingPrompt, record.LineNumber, "$.prompt", "prompt is missing or not a string.", "Each legacy line needs a string prompt."));
            }

            return false;
        }

        prompt = legacy.Prompt;
        completion = legacy.Completion;
        if (string.IsNullOrWhiteSpace(completion))
        {
            errors?.Add(DatasetDiagnostic.Error(DatasetDiagnosticCodes.EmptyCompletion, record.LineNumber, "$.completion", "completion is empty.", "A chat example needs assistant text; remove the line or fill it."));
            return false;
        }

        return true;
    }

    private static string? Cell(string[] fields, int column) => column < fields.Length ? fields[column] : null;

    private static (int? System, int User, int Assistant) ResolveColumns(CsvConversionOptions options, string[]? header)
    {
        int? Find(string? requested, string[] defaults, string role)
        {
            if (requested is not null)
            {
                if (header is not null)
                {
                    var byName = Array.FindIndex(header, h => string.Equals(h.Trim(), requested.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (byName >= 0)
                    {
                        return byName;
                    }
                }

                if (int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1)
                {
                    return number - 1;
                }

                throw new ArgumentException(header is null
                    ? $"The {role} column '{requested}' must be a 1-based column number when the file has no header."
                    : $"The {role} column '{requested}' is not in the header ({string.Join(", ", header)}).");
            }

            if (header is null)
            {
                return null;
            }

            var index = Array.FindIndex(header, h => defaults.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));
            return index >= 0 ? index : null;
        }

        var system = Find(options.SystemColumn, SystemNames, "system");
        var user = Find(options.UserColumn, UserNames, "user") ?? (header is null ? 0 : null);
        var assistant = Find(options.AssistantColumn, AssistantNames, "assistant") ?? (header is null ? 1 : null);
        if (user is null || assistant is null)
        {
            throw new ArgumentException($"Cannot tell which column holds the {(user is null ? "user" : "assistant")} text (header: {string.Join(", ", header!)}); name it explicitly.");
        }

        return (system, user.Value, assistant.Value);
    }
}
