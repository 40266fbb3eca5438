using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>Counts the tokens of large JSONL files, streaming and in parallel.</summary>
public static class TokenCounter
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Counts the tokens of every JSON string value (not property names) of every line of a JSONL file, e.g. all
    /// message contents, names and tool-call arguments of a chat dataset. The file is streamed in 1 MB chunks of whole
    /// lines that <paramref name="degreeOfParallelism"/> workers count concurrently; memory stays bounded whatever the
    /// file size. For the platform's per-example accounting use the chat token counter instead.
    /// </summary>
    /// <param name="path">The JSONL file (UTF-8).</param>
    /// <param name="encoding">The encoding, e.g. <see cref="TiktokenEncoding.O200kBase"/>.</param>
    /// <param name="degreeOfParallelism">The number of worker threads (1 or more; e.g. <see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="InvalidDataException">A line is not valid JSON; the message names the file and the first such line.</exception>
    public static async Task<FileTokenCount> CountFileAsync(string path, TiktokenEncoding encoding, int degreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(degreeOfParallelism * 2)
        {
            SingleWriter = true,
            SingleReader = degreeOfParallelism == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var totals = new Totals();
        var workers = new Task[degreeOfParallelism];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(() => WorkAsync(channel.Reader, encoding, totals, cts), CancellationToken.None);
        }

        long bytes = 0;
        try
        {
            bytes = await ProduceAsync(path, channel.Writer, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker found a malformed line and stopped the reading; its error is reported below.
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (totals.FirstError is { } error)
        {
            throw new InvalidDataException($"{path}: line {error.Line}: {error.Message}");
        }

        return new FileTokenCount(totals.Lines, totals.Tokens, bytes, totals.Strings);
    }

    private static async Task<long> ProduceAsync(string path, ChannelWriter<Chunk> writer, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        long total = 0;
        long line = 1;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One line longer than the buffer: grow it.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                total += read;
                filled += read;
                bool end = read == 0;
                int cut = end ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                if (cut == 0 && !end)
                {
                    continue;
                }

                if (cut > 0)
                {
                    var next = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, filled - cut + 1));
                    buffer.AsSpan(cut, filled - cut).CopyTo(next);
                    int lines = buffer.AsSpan(0, cut).Count((byte)'\n');
                    await writer.WriteAsync(new Chunk(buffer, cut, line), cancellationToken).ConfigureAwait(false);
                    line += lines;
                    filled -= cut;
                    buffer = next;
                }

                if (end)
                {
                    return total;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WorkAsync(ChannelReader<Chunk> reader, TiktokenEncoding encoding, Totals totals, CancellationTokenSource cts)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var chunk))
                {
                    try
                    {
                        // After an error, only chunks before the failing line still matter (to report the first bad line).
                        if (!cts.IsCancellationRequested || (totals.FirstError is { } error && chunk.FirstLine < error.Line))
                        {
                            CountChunk(chunk, encoding, totals, ref chars, cts);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk.Buffer);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static void CountChunk(Chunk chunk, TiktokenEncoding encoding, Totals totals, ref char[] chars, CancellationTokenSource cts)
    {
        long tokens = 0;
        long strings = 0;
        long lines = 0;
        long lineNumber = chunk.FirstLine;
        var rest = chunk.Buffer.AsSpan(0, chunk.Length);
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                lineNumber++;
                continue;
            }

            try
            {
                var json = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
                while (json.Read())
                {
                    if (json.TokenType != JsonTokenType.String)
                    {
                        continue;
                    }

                    int max = json.HasValueSequence ? checked((int)json.ValueSequence.Length) : json.ValueSpan.Length;
                    if (chars.Length < max)
                    {
                        ArrayPool<char>.Shared.Return(chars);
                        chars = ArrayPool<char>.Shared.Rent(max);
                    }

                    int n = json.CopyString(chars);
                    tokens += encoding.CountTokens(chars.AsSpan(0, n));
                    strings++;
                }

                lines++;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                totals.ReportError(lineNumber, ex is JsonException ? "not valid JSON: " + ex.Message : ex.Message);
                cts.Cancel();
                return;
            }

            lineNumber++;
        }

        totals.Add(lines, tokens, strings);
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long FirstLine);

    private sealed class Totals
    {
        private readonly Lock _gate = new();
        private long _lines;
        private long _tokens;
        private long _strings;
        private (long Line, string Message)? _firstError;

        public long Lines => Interlocked.Read(ref _lines);

        public long Tokens => Interlocked.Read(ref _tokens);

        public long Strings => Interlocked.Read(ref _strings);

        public (long Line, string Message)? FirstError
        {
            get
            {
                lock (_gate)
                {
                    return _firstError;
                }
            }
        }

        public void Add(long lines, long tokens, long strings)
        {
            Interlocked.Add(ref _lines, lines);
            Interlocked.Add(ref _tokens, tokens);
            Interlocked.Add(ref _strings, strings);
        }

        public void ReportError(long line, string message)
        {
            lock (_gate)
            {
                if (_firstError is null || line < _firstError.Value.Line)
                {
                    _firstError = (line, message);
                }
            }
        }
    }
}
