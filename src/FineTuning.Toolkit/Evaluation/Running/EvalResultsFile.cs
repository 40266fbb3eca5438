using FineTuning.Toolkit.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// Reads and appends a run's results file (<c>results.jsonl</c>): one <see cref="EvalSampleResult"/> per line, appended
/// and flushed as results arrive, so a crashed run loses at most the line being written and can resume.
/// </summary>
public static class EvalResultsFile
{
    /// <summary>The file name of the results inside a run directory.</summary>
    public const string FileName = "results.jsonl";

    /// <summary>Streams the results in <paramref name="path"/>. When a triple appears more than once (a retried failure), every line is returned in order; use <see cref="ReadLatestAsync"/> for the last word.</summary>
    /// <param name="path">The results file, or a run directory holding <see cref="FileName"/>.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The results in file order. A torn last line (from a crash) is ignored; any other malformed line throws.</returns>
    /// <exception cref="InvalidDataException">A line other than the last is not a result; the message names the line.</exception>
    public static async IAsyncEnumerable<EvalSampleResult> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNumber = 0;
        string? pending = null;
        var pendingNumber = 0;
        while (true)
        {
            var text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            lineNumber++;
            if (pending is not null)
            {
                var result = Parse(pending, pendingNumber, isLast: text is null, path);
                if (result is not null) yield return result;
                pending = null;
            }
            if (text is null) break;
            if (string.IsNullOrWhiteSpace(text)) continue;
            pending = text;
            pendingNumber = lineNumber;
        }
    }

    /// <summary>Reads the results keeping only the last line for each (item, target, sample) triple.</summary>
    /// <param name="path">The results file, or a run directory holding <see cref="FileName"/>.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The latest result per triple, in the order the triples first appeared.</returns>
    public static async Task<IReadOnlyList<EvalSampleResult>> ReadLatestAsync(string path, CancellationToken cancellationToken = default)
    {
        var order = new List<(string, string, int)>();
        var latest = new Dictionary<(string, string, int), EvalSampleResult>();
        await foreach (var r in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var key = (r.ItemId, r.Target, r.SampleIndex);
            if (!latest.ContainsKey(key)) order.Add(key);
            latest[key] = r;
        }
        return [.. order.Select(k => latest[k])];
    }

    private static EvalSampleResult? Parse(string text, int lineNumber, bool isLast, string path)
    {
        try
        {
            var line = JsonSerializer.Deserialize(text, ToolkitJson.Info<EvalResultLine>());
            return line?.ToResult() ?? throw new JsonException("null line");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            if (isLast) return null; // torn write at a crash: the runner redoes this triple
            throw new InvalidDataException($"{path}: line {lineNumber} is not a result: {ex.Message}", ex);
        }
    }

    /// <summary>Makes the file safe to append to: drops a torn last line left by a crash.</summary>
    internal static void RepairTail(string path)
    {
        if (!File.Exists(path)) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length == 0) return;
        var position = stream.Length;
        var buffer = new byte[1];
        stream.Position = position - 1;
        stream.ReadExactly(buffer);
        if (buffer[0] == (byte)'\n') return;
        // Walk back to the previous newline and cut there.
        while (position > 0)
        {
            position--;
            stream.Position = position;
            stream.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n') { position++; break; }
        }
        stream.SetLength(position);
    }

    internal static string Serialize(EvalSampleResult result) =>
        JsonSerializer.Serialize(EvalResultLine.From(result), ToolkitJson.Info<EvalResultLine>());
}
