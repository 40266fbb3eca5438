using System.Runtime.CompilerServices;
using System.Text;

namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields, doubled quotes inside quotes, line breaks inside quotes, CRLF/LF/CR line ends,
/// any single-character delimiter. Malformed records (text after a closing quote, an unterminated quote) are returned with
/// their line number and reading resumes on the next line.
/// </summary>
internal static class CsvRecordReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, char delimiter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(delimiter));
        }

        var buffer = new char[64 * 1024];
        var length = 0;
        var position = 0;
        var line = 1L;
        var field = new StringBuilder();
        var fields = new List<string>();

        // Reads the next character, or -1 at the end of input.
        async ValueTask<int> NextAsync()
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                position = 0;
                if (length == 0)
                {
                    return -1;
                }
            }

            return buffer[position++];
        }

        async ValueTask<int> PeekAsync()
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                position = 0;
                if (length == 0)
                {
                    return -1;
                }
            }

            return buffer[position];
        }

        while (true)
        {
            var recordLine = line;
            fields.Clear();
            field.Clear();
            string? error = null;
            var atEnd = false;
            var sawAnything = false;

            while (true)
            {
                var c = await NextAsync().ConfigureAwait(false);
                if (c == -1)
                {
                    atEnd = true;
                    break;
                }

                sawAnything = true;
                if (c == '"' && field.Length == 0)
                {
                    // Quoted field.
                    var closed = false;
                    while (true)
                    {
                        var q = await NextAsync().ConfigureAwait(false);
                        if (q == -1)
                        {
                            break;
                        }

                        if (q == '"')
                        {
                            if (await PeekAsync().ConfigureAwait(false) == '"')
                            {
                                await NextAsync().ConfigureAwait(false);
                                field.Append('"');
                                continue;
                            }

                            closed = true;
                            break;
                        }

                        if (q == '\n' || (q == '\r' && await PeekAsync().ConfigureAwait(false) != '\n'))
                        {
                            line++;
                        }

                        field.Append((char)q);
                    }

                    if (!closed)
                    {
                        error = $"unterminated quoted field (the quote opened on line {recordLine} is never closed)";
                        atEnd = true;
                        break;
                    }

                    var after = await PeekAsync().ConfigureAwait(false);
                    if (after != -1 && after != delimiter && after != '\r' && after != '\n')
                    {
                        error = $"unexpected character '{(char)after}' after a closing quote (quotes inside a quoted field must be doubled)";
                        await SkipLineAsync().ConfigureAwait(false);
                        break;
                    }

                    continue;
                }

                if (c == delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    continue;
                }

                if (await EndsLineAsync(c).ConfigureAwait(false))
                {
                    break;
                }

                field.Append((char)c);
            }

            if (error is not null)
            {
                yield return new CsvRecord(recordLine, null, error);
                if (atEnd)
                {
                    yield break;
                }

                continue;
            }

            if (!sawAnything && atEnd)
            {
                yield break;
            }

            fields.Add(field.ToString());
            var blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank)
            {
                yield return new CsvRecord(recordLine, [.. fields], null);
            }

            if (atEnd)
            {
                yield break;
            }
        }

        async ValueTask SkipLineAsync()
        {
            while (true)
            {
                var c = await NextAsync().ConfigureAwait(false);
                if (c == -1 || await EndsLineAsync(c).ConfigureAwait(false))
                {
                    return;
                }
            }
        }

        // True when c is a line break (a CR LF pair is consumed as one); counts the line.
        async ValueTask<bool> EndsLineAsync(int c)
        {
            if (c != '\r' && c != '\n')
            {
                return false;
            }

            if (c == '\r' && await PeekAsync().ConfigureAwait(false) == '\n')
            {
                await NextAsync().ConfigureAwait(false);
            }

            line++;
            return true;
        }
    }
}
