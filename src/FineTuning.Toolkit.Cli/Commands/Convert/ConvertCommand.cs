using System.CommandLine;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Conversion;

namespace FineTuning.Toolkit.Cli.Commands.Convert;

/// <summary><c>ftk convert FILE</c>: legacy prompt/completion → chat, CSV → chat, chat → eval set.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The input: legacy prompt/completion JSONL, CSV/TSV, or chat JSONL." };
        var from = new Option<string>("--from") { Description = "Input shape (auto: .csv/.tsv are CSV; JSONL with prompt/completion is legacy; with messages is chat).", DefaultValueFactory = _ => "auto" };
        from.AcceptOnlyFromAmong("auto", "legacy", "csv", "chat");
        var to = new Option<string?>("--to") { Description = "Output shape: chat (from legacy or CSV) or eval (from chat). Default: chat, or eval for chat input." };
        to.AcceptOnlyFromAmong("chat", "eval");
        var output = new Option<string?>("--out", "-o") { Description = "The file to write (default: FILE.chat.jsonl or FILE.eval.jsonl next to the input)." }.OutputFile();
        var system = new Option<string?>("--system-prompt") { Description = "A system message for every example (CSV: used when the system cell is empty)." };
        var strip = new Option<bool>("--strip-separators") { Description = "Legacy: remove the prompt separator (' ->', '\\n\\n###\\n\\n', ...), the completion stop (' END', '\\n', ...) and the leading space of completions." };
        var separator = new Option<string?>("--prompt-separator") { Description = "Legacy: the separator to strip instead of the detected one (escapes \\n and \\t are understood)." }.NotEmpty();
        var stop = new Option<string?>("--completion-stop") { Description = "Legacy: the stop sequence to strip instead of the detected one (escapes \\n and \\t are understood)." }.NotEmpty();
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV: the field delimiter (default ',' or tab for .tsv; 'tab' or '\\t' for tab)." };
        var noHeader = new Option<bool>("--no-header") { Description = "CSV: the first record is data, and columns are 1-based numbers." };
        var systemColumn = new Option<string?>("--system-column") { Description = "CSV: the column (header name or 1-based number) holding the system message." };
        var userColumn = new Option<string?>("--user-column") { Description = "CSV: the column holding the user message (default: user/prompt/question/input/instruction)." };
        var assistantColumn = new Option<string?>("--assistant-column") { Description = "CSV: the column holding the assistant message (default: assistant/completion/answer/output/response)." };
        var idPrefix = new Option<string>("--id-prefix") { Description = "Eval: prefix of generated item ids (an example's own id wins).", DefaultValueFactory = _ => "line-" };
        var json = DataprepCli.JsonOption();
        var maxList = DataprepCli.MaxListOption();
        var command = new Command("convert", "Convert a dataset: legacy prompt/completion JSONL to chat, CSV to chat, or chat to an eval set. Streams; every record that cannot be converted is reported with its line (exit code 1 when some could not be).")
        {
            file, from, to, output, system, strip, separator, stop, delimiter, noHeader, systemColumn, userColumn, assistantColumn, idPrefix, json, maxList,
        };
        command.OutputsDifferFromInputs([file], output);
        command.OnInterrupt(DataprepCli.AtomicOutputsNote);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = DataprepCli.RequireFile(parse.GetValue(file));
            var max = DataprepCli.MaxList(parse, maxList);
            var source = parse.GetValue(from) is "auto" or null ? await DetectAsync(input, cancellationToken).ConfigureAwait(false) : parse.GetValue(from)!;
            var target = parse.GetValue(to) ?? (source == "chat" ? "eval" : "chat");
            if ((source == "chat") != (target == "eval"))
            {
                throw new CliUsageException(source == "chat"
                    ? "chat input converts to an eval set (--to eval)."
                    : $"{source} input converts to chat (--to chat); convert to chat first, then to eval.");
            }

            var outPath = parse.GetValue(output) ?? DataprepCli.SiblingPath(input, target == "eval" ? ".eval" : ".chat");
            ConversionReport report = source switch
            {
                "legacy" => await DataprepCli.UsageGuardAsync(() => DatasetConverter.LegacyToChatAsync(input, outPath, new LegacyConversionOptions
                {
                    SystemPrompt = parse.GetValue(system),
                    StripSeparators = parse.GetValue(strip) || parse.GetValue(separator) is not null || parse.GetValue(stop) is not null,
                    PromptSeparator = Unescape(parse.GetValue(separator)),
                    CompletionStop = Unescape(parse.GetValue(stop)),
                }, cancellationToken)).ConfigureAwait(false),
                "csv" => await DataprepCli.UsageGuardAsync(() => DatasetConverter.CsvToChatAsync(input, outPath, new CsvConversionOptions
                {
                    Delimiter = Delimiter(parse.GetValue(delimiter), input),
                    HasHeader = !parse.GetValue(noHeader),
                    SystemColumn = parse.GetValue(systemColumn),
                    UserColumn = parse.GetValue(userColumn),
                    AssistantColumn = parse.GetValue(assistantColumn),
                    SystemPrompt = parse.GetValue(system),
                }, cancellationToken)).ConfigureAwait(false),
                _ => await DataprepCli.UsageGuardAsync(() => DatasetConverter.ChatToEvalSetAsync(input, outPath, new EvalSetConversionOptions
                {
                    IdPrefix = parse.GetValue(idPrefix) ?? "line-",
                }, cancellationToken)).ConfigureAwait(false),
            };

            if (parse.GetValue(json))
            {
                var legacy = source == "legacy";
                await CliJson.WriteAsync(
                    parse.InvocationConfiguration.Output,
                    new ConvertJson(
                        input,
                        source,
                        target,
                        Path.GetFullPath(outPath),
                        report.Read,
                        report.Written,
                        legacy ? report.DetectedPromptSeparator : null,
                        legacy ? report.DetectedCompletionStop : null,
                        legacy ? report.StrippedPromptSeparator : null,
                        legacy ? report.StrippedCompletionStop : null,
                        report.Errors.Count,
                        DiagnosticJson.List(report.Errors, max),
                        report.Warnings.Count,
                        DiagnosticJson.List(report.Warnings, max)),
                    CliJsonContext.Default.ConvertJson).ConfigureAwait(false);
            }
            else
            {
                var writer = parse.InvocationConfiguration.Output;
                await writer.WriteLineAsync($"Converted {report.Written} of {report.Read} records ({source} -> {target}) -> {Path.GetFullPath(outPath)}").ConfigureAwait(false);
                if (source == "legacy")
                {
                    await writer.WriteLineAsync($"  prompt separator: {Affix(report.DetectedPromptSeparator, report.StrippedPromptSeparator, " (kept; pass --strip-separators to remove)")}").ConfigureAwait(false);
                    await writer.WriteLineAsync($"  completion stop:  {Affix(report.DetectedCompletionStop, report.StrippedCompletionStop, string.Empty)}").ConfigureAwait(false);
                }

                await DataprepCli.WriteErrorsAsync(writer, report.Errors, max, " (not converted)").ConfigureAwait(false);
                if (report.Warnings.Count > 0)
                {
                    await writer.WriteLineAsync($"{report.Warnings.Count} converted {(report.Warnings.Count == 1 ? "record needs" : "records need")} a look:").ConfigureAwait(false);
                    await DataprepCli.WriteListAsync(writer, report.Warnings, max, e => $"line {e.Line} {e.Path}: {e.Code} {e.Message}").ConfigureAwait(false);
                }
            }

            return report.Errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What was detected and what was actually stripped: <c>" ->" (stripped)</c>, <c>(none detected) " ->" (stripped, as given)</c>.</summary>
    private static string Affix(string? detected, string? stripped, string keptHint) =>
        stripped is null
            ? DataprepCli.Visible(detected) + (detected is null ? string.Empty : keptHint)
            : stripped == detected
                ? $"{DataprepCli.Visible(stripped)} (stripped)"
                : $"{DataprepCli.Visible(stripped)} (stripped, as given; detected: {(detected is null ? "none shared by every line" : DataprepCli.Visible(detected))})";

    private static string? Unescape(string? text) =>
        text?.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal);

    private static char Delimiter(string? text, string input) => text switch
    {
        null => input.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw new CliUsageException($"--delimiter: must be one character (or 'tab'); got '{text}'."),
    };

    /// <summary>Decides the input shape from the extension, then from the first non-blank JSONL line.</summary>
    private static async Task<string> DetectAsync(string input, CancellationToken cancellationToken)
    {
        if (input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || input.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return "csv";
        }

        using var reader = new StreamReader(input);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("messages", out _))
                    {
                        return "chat";
                    }

                    if (document.RootElement.TryGetProperty("prompt", out _))
                    {
                        return "legacy";
                    }
                }
            }
            catch (JsonException)
            {
            }

            break;
        }

        throw new CliUsageException($"cannot tell the shape of '{input}' from its first line; pass --from legacy, csv or chat.");
    }
}
