using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// Removes exact duplicates (after normalisation) and, optionally, near duplicates (MinHash + LSH, Jaccard threshold) from a
/// JSONL dataset, keeping the first occurrence. A line whose prompt repeats an earlier prompt with a different answer is a
/// conflict (label noise), reported and kept unless <see cref="DeduplicationOptions.DropConflicts"/> is set. One streaming
/// pass: memory holds 128-bit hashes and, for near duplicates, a MinHash signature per example, never the examples themselves.
/// </summary>
/// <example>
/// <code>
/// var report = await DatasetDeduplicator.DeduplicateAsync("train.jsonl", "train.dedup.jsonl",
///     new DeduplicationOptions { NearDuplicates = new NearDuplicateOptions { Threshold = 0.85 } });
/// Console.WriteLine($"kept {report.Kept} of {report.Examples}; {report.ExactDuplicates} exact, {report.NearDuplicates} near");
/// </code>
/// </example>
public static class DatasetDeduplicator
{
    /// <summary>De-duplicates <paramref name="inputPath"/>; writes the kept lines (byte-for-byte) to <paramref name="outputPath"/> when given.</summary>
    /// <param name="inputPath">The dataset file.</param>
    /// <param name="outputPath">The file to write (atomically), or <see langword="null"/> to only report.</param>
    /// <param name="options">The options, or <see langword="null"/> for exact de-duplication with default normalisation.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The duplicates found and the unreadable lines.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="ArgumentException">The output path is the input path.</exception>
    public static async Task<DeduplicationReport> DeduplicateAsync(string inputPath, string? outputPath = null, DeduplicationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        DataprepPaths.EnsureDistinct(inputPath, outputPath);
        options ??= new DeduplicationOptions();
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.dedupe");
        var finder = new DuplicateFinder(options.Normalization, options.NearDuplicates, options.Scope);
        var duplicates = new List<DuplicateMatch>();
        var conflicts = new List<DuplicateConflict>();
        var errors = new List<DatasetDiagnostic>();
        long examples = 0, kept = 0;
        var writer = outputPath is null ? null : JsonlWriter.Create(outputPath);
        await using (writer)
        {
            await foreach (var record in ExampleRecords.ReadAsync(inputPath, errors, cancellationToken).ConfigureAwait(false))
            {
                using (record)
                {
                    examples++;
                    var conflictsWith = finder.FindConflict(record.LineNumber, record.Value);
                    var duplicate = finder.Observe(record.LineNumber, record.Value);
                    if (conflictsWith is { } earlier)
                    {
                        // Same prompt, different answer: label noise, reported; kept (both lines) unless asked to drop it.
                        conflicts.Add(new DuplicateConflict(record.LineNumber, earlier, options.DropConflicts));
                        if (options.DropConflicts)
                        {
                            continue;
                        }

                        if (duplicate is not null)
                        {
                            finder.Add(record.LineNumber, finder.TextOf(record.Value));
                        }
                    }
                    else if (duplicate is not null)
                    {
                        duplicates.Add(duplicate);
                        continue;
                    }

                    kept++;
                    if (writer is not null)
                    {
                        await writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (writer is not null)
            {
                await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        activity?.SetTag("ftk.duplicates", duplicates.Count);
        activity?.SetTag("ftk.conflicts", conflicts.Count);
        return new DeduplicationReport(examples, kept, duplicates, errors) { Conflicts = conflicts };
    }
}
