namespace FineTuning.Toolkit.Datasets;

/// <summary>Writes typed examples to a JSONL file atomically (temporary file in the same folder, then rename).</summary>
public static class DatasetWriter
{
    /// <summary>Writes <paramref name="examples"/> to <paramref name="path"/>, replacing it only when every line was written.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="examples">The examples, streamed.</param>
    /// <param name="options">The writer options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<DatasetExample> examples, JsonlWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var writer = JsonlWriter.Create(path, options);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var example in examples.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(example, cancellationToken).ConfigureAwait(false);
            }

            await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            return writer.LineCount;
        }
    }

    /// <summary>Writes <paramref name="examples"/> to <paramref name="path"/>, replacing it only when every line was written.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="examples">The examples.</param>
    /// <param name="options">The writer options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteAsync(string path, IEnumerable<DatasetExample> examples, JsonlWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var writer = JsonlWriter.Create(path, options);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var example in examples)
            {
                await writer.WriteAsync(example, cancellationToken).ConfigureAwait(false);
            }

            await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            return writer.LineCount;
        }
    }
}
