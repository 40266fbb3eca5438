using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Cli.Commands.Tokens;

/// <summary>The token commands of <c>ftk</c>: <c>ftk tokens</c> counts (and lists) the exact tiktoken tokens of text or of a JSONL field.</summary>
internal static class TokensCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var text = new Argument<string?>("TEXT")
        {
            Description = "The text to count. When omitted (and no --jsonl), the text is read from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var encoding = new Option<string?>("--encoding", "-e")
        {
            Description = "The encoding: o200k_base (gpt-4o, gpt-4.1, o-series; the default) or cl100k_base (gpt-3.5-turbo, gpt-4).",
        };
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Pick the encoding of this model id (e.g. gpt-4o-mini, gpt-3.5-turbo-0125, ft:gpt-4.1-mini-2025-04-14:org::id).",
        };
        var ids = new Option<bool>("--ids")
        {
            Description = "Also print the token ids.",
        };
        var jsonl = new Option<FileInfo?>("--jsonl")
        {
            Description = "Count a JSONL file: prints one JSON object per input line, in order ({\"count\": N}, with --ids also \"ids\").",
        };
        var field = new Option<string?>("--field", "-f")
        {
            Description = "With --jsonl: the dotted path of the value to count (e.g. text, messages.0.content). A string is counted as is; "
                + "an object or array counts all the strings inside it. Without --field every string value of the line is counted.",
        };

        var json = new Option<bool>("--json") { Description = "Print one JSON document: the encoding, the count (and ids); with --jsonl every line's count and the total." };
        var command = new Command("tokens", "Count exact OpenAI (tiktoken) tokens of text, standard input or a JSONL field.")
        {
            text, encoding, model, ids, jsonl, field, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = ResolveEncoding(parse.GetValue(encoding), parse.GetValue(model));
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool withIds = parse.GetValue(ids);
            var file = parse.GetValue(jsonl);
            var fieldPath = parse.GetValue(field);
            var inline = parse.GetValue(text);

            if (file is null)
            {
                if (fieldPath is not null)
                {
                    throw new CliUsageException("--field needs --jsonl FILE.");
                }

                var input = inline ?? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                await WriteTextCountAsync(output, chosen, input, withIds, parse.GetValue(json)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (inline is not null)
            {
                throw new CliUsageException("Give either TEXT or --jsonl FILE, not both.");
            }

            DataprepCli.RequireFile(file.FullName);
            return await CountJsonlAsync(file, fieldPath, chosen, withIds, parse.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
        });

        return command;
    }

    private static TiktokenEncoding ResolveEncoding(string? encodingName, string? model)
    {
        if (encodingName is not null && model is not null)
        {
            throw new CliUsageException("Give either --encoding or --model, not both.");
        }

        if (model is not null)
        {
            return TiktokenEncoding.TryForModel(model, out var forModel)
                ? forModel
                : throw new CliUsageException($"No tokenizer is known for model '{model}'; use --encoding o200k_base or --encoding cl100k_base.");
        }

        if (encodingName is null)
        {
            return TiktokenEncoding.O200kBase;
        }

        return TiktokenEncoding.TryGet(encodingName, out var named)
            ? named
            : throw new CliUsageException($"--encoding: unknown encoding '{encodingName}'; use o200k_base or cl100k_base.");
    }

    private static async Task WriteTextCountAsync(TextWriter output, TiktokenEncoding encoding, string input, bool withIds, bool json)
    {
        if (json)
        {
            var encoded = encoding.Encode(input);
            await CliJson.WriteAsync(output, new TokensJson(encoding.Name, encoded.Length, withIds ? encoded : null, null, null), CliJsonContext.Default.TokensJson).ConfigureAwait(false);
            return;
        }

        if (!withIds)
        {
            await output.WriteLineAsync(encoding.CountTokens(input).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return;
        }

        var tokenIds = encoding.Encode(input);
        await output.WriteLineAsync(tokenIds.Length.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join(' ', tokenIds)).ConfigureAwait(false);
    }

    private static async Task<int> CountJsonlAsync(
        FileInfo file,
        string? fieldPath,
        TiktokenEncoding encoding,
        bool withIds,
        bool json,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        string[] path = fieldPath is null ? [] : fieldPath.Split('.');
        if (path.Any(string.IsNullOrEmpty))
        {
            throw new CliUsageException($"--field '{fieldPath}' is not a dotted path such as messages.0.content.");
        }

        using var reader = new StreamReader(file.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        int errors = 0;
        long lineNumber = 0;
        var tokenIds = new List<int>();
        var lines = new List<TokensJson.LineCount>();
        long total = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                await error.WriteLineAsync($"error: {file.Name}:{lineNumber + 1}: the file is not valid UTF-8.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (line is null)
            {
                break;
            }

            lineNumber++;
            string? problem = null;
            int count = 0;
            tokenIds.Clear();
            try
            {
                using var document = JsonDocument.Parse(line);
                if (!TryNavigate(document.RootElement, path, out var value))
                {
                    problem = $"the field '{fieldPath}' is missing";
                }
                else
                {
                    problem = Count(value, encoding, withIds ? tokenIds : null, ref count, fieldPath);
                }
            }
            catch (JsonException ex)
            {
                problem = line.Trim().Length == 0 ? "empty line (expected one JSON object)" : $"not valid JSON ({ex.Message})";
            }

            TokensJson.LineCount counted;
            if (problem is not null)
            {
                errors++;
                await error.WriteLineAsync($"error: {file.Name}:{lineNumber}: {problem}").ConfigureAwait(false);
                counted = new TokensJson.LineCount(lineNumber, null, null, problem);
            }
            else
            {
                total += count;
                counted = new TokensJson.LineCount(null, count, withIds ? [.. tokenIds] : null, null);
            }

            if (json)
            {
                lines.Add(counted with { Line = lineNumber });
            }
            else
            {
                await output.WriteLineAsync(CliJson.SerializeLine(counted, CliJsonContext.Default.TokensLineCount)).ConfigureAwait(false);
            }
        }

        if (json)
        {
            await CliJson.WriteAsync(output, new TokensJson(encoding.Name, total, null, lines, errors), CliJsonContext.Default.TokensJson).ConfigureAwait(false);
        }

        if (errors > 0)
        {
            await error.WriteLineAsync($"{errors} of {lineNumber} lines could not be counted.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static bool TryNavigate(JsonElement root, string[] path, out JsonElement value)
    {
        value = root;
        foreach (var segment in path)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static string? Count(JsonElement value, TiktokenEncoding encoding, List<int>? ids, ref int count, string? fieldPath)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (ids is null)
                {
                    count += encoding.CountTokens(s);
                }
                else
                {
                    int before = ids.Count;
                    encoding.EncodeToIds(s, ids);
                    count += ids.Count - before;
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object)
                    {
                        Count(item, encoding, ids, ref count, fieldPath);
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object)
                    {
                        Count(property.Value, encoding, ids, ref count, fieldPath);
                    }
                }

                return null;
            default:
                return fieldPath is null
                    ? $"the line is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an object"
                    : $"the field '{fieldPath}' is {value.ValueKind.ToString().ToLowerInvariant()}, not text";
        }
    }
}
