using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// Finds examples of a validation or evaluation file whose user prompt also appears in the training file, exactly (after
/// normalisation) or nearly (MinHash + LSH). Indexes the reference file (a hash and a signature per example), then streams the
/// checked file.
/// </summary>
/// <example>
/// <code>
/// var leakage = await LeakageDetector.DetectAsync("train.jsonl", "valid.jsonl");
/// foreach (var pair in leakage.Pairs)
///     Console.WriteLine($"valid line {pair.Line} ~ train line {pair.ReferenceLine} ({pair.Kind}, {pair.Similarity:P0})");
/// </code>
/// </example>
public static class LeakageDetector
{
    /// <summary>Compares the prompts of <paramref name="checkedPath"/> with those of <paramref name="referencePath"/>.</summary>
    /// <param name="referencePath">The reference file (usually the training file).</param>
    /// <param name="checkedPath">The file to check (validation, evaluation).</param>
    /// <param name="options">The options, or <see langword="null"/> for exact and near (0.85) prompt overlap.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The leaked examples.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static async Task<LeakageReport> DetectAsync(string referencePath, string checkedPath, LeakageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(referencePath);
        ArgumentException.ThrowIfNullOrEmpty(checkedPath);
        options ??= new LeakageOptions();
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.leakage");
        var finder = new DuplicateFinder(options.Normalization, options.NearDuplicates, options.Scope);
        var referenceErrors = new List<DatasetDiagnostic>();
        long referenceExamples = 0;
        await foreach (var record in ExampleRecords.ReadAsync(referencePath, referenceErrors, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                referenceExamples++;
                finder.Add(record.LineNumber, finder.TextOf(record.Value));
            }
        }

        var checkedErrors = new List<DatasetDiagnostic>();
        var pairs = new List<LeakagePair>();
        long examples = 0;
        await foreach (var record in ExampleRecords.ReadAsync(checkedPath, checkedErrors, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                examples++;
                if (finder.Observe(record.LineNumber, finder.TextOf(record.Value), remember: false) is { } hit)
                {
                    pairs.Add(new LeakagePair(hit.DuplicateOfLine, record.LineNumber, hit.Kind, hit.Similarity));
                }
            }
        }

        activity?.SetTag("ftk.leaked", pairs.Count);
        return new LeakageReport(referenceExamples, examples, pairs, referenceErrors, checkedErrors);
    }
}
