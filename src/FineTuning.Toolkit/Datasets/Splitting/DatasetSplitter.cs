using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>
/// Splits a JSONL dataset into training and validation files, deterministically: each example's side follows from a hash of
/// its bytes and the seed, so the same seed and file give the same split on any machine and thread count, and identical
/// examples never straddle the two files. Optionally stratified by a field, optionally with exact per-stratum counts.
/// </summary>
/// <example>
/// <code>
/// var report = await DatasetSplitter.SplitAsync("all.jsonl", "train.jsonl", "valid.jsonl",
///     new SplitOptions { ValidationRatio = 0.1, Seed = 7, StratifyBy = "$.metadata.label", ExactRatio = true });
/// Console.WriteLine($"{report.Training} training, {report.Validation} validation");
/// </code>
/// </example>
public static class DatasetSplitter
{
    private const string Missing = "(missing)";

    /// <summary>Splits <paramref name="inputPath"/> into <paramref name="trainingPath"/> and <paramref name="validationPath"/> (both written atomically; lines copied byte for byte, in input order).</summary>
    /// <param name="inputPath">The dataset file.</param>
    /// <param name="trainingPath">The training file to write.</param>
    /// <param name="validationPath">The validation file to write.</param>
    /// <param name="options">The options, or <see langword="null"/> for 10 % validation with seed 42.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The counts and the unreadable lines.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="FormatException"><see cref="SplitOptions.StratifyBy"/> is not a valid JSON path.</exception>
    public static async Task<SplitReport> SplitAsync(string inputPath, string trainingPath, string validationPath, SplitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(trainingPath);
        ArgumentException.ThrowIfNullOrEmpty(validationPath);
        DataprepPaths.EnsureDistinct(inputPath, trainingPath, validationPath);
        DataprepPaths.EnsureDistinct(trainingPath, validationPath);
        options ??= new SplitOptions();
        options.Validate();
        var selector = options.StratifyBy is null ? null : JsonPathSelector.Parse(options.StratifyBy);
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.split");

        // Exact mode: first pass records each example's position and stratum, then fixes a per-stratum cut-off.
        Dictionary<string, double>? cutoffs = null;
        Dictionary<string, long>? quotaAtCutoff = null;
        if (options.ExactRatio)
        {
            var byStratum = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            await foreach (var record in ExampleRecords.ReadAsync(inputPath, [], cancellationToken).ConfigureAwait(false))
            {
                using (record)
                {
                    var stratum = selector?.SelectKey(record.Value) ?? (selector is null ? string.Empty : Missing);
                    if (!byStratum.TryGetValue(stratum, out var positions))
                    {
                        byStratum[stratum] = positions = [];
                    }

                    positions.Add(SplitAssigner.Position(record.Utf8.Span, options.Seed));
                }
            }

            cutoffs = new(StringComparer.Ordinal);
            quotaAtCutoff = new(StringComparer.Ordinal);
            foreach (var (stratum, positions) in byStratum)
            {
                var quota = ValidationQuota(positions.Count, options.ValidationRatio);
                positions.Sort();
                if (quota == 0)
                {
                    cutoffs[stratum] = -1;
                    continue;
                }

                // Validation takes the `quota` smallest positions; ties at the cut-off (identical lines) are counted so the quota holds.
                var cutoff = positions[quota - 1];
                cutoffs[stratum] = cutoff;
                quotaAtCutoff[stratum] = quota - positions.Count(p => p < cutoff);
            }
        }

        var errors = new List<DatasetDiagnostic>();
        var counts = new SortedDictionary<string, (long Training, long Validation)>(StringComparer.Ordinal);
        long training = 0, validation = 0;
        await using var trainingWriter = JsonlWriter.Create(trainingPath);
        await using var validationWriter = JsonlWriter.Create(validationPath);
        await foreach (var record in ExampleRecords.ReadAsync(inputPath, errors, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                var stratum = selector?.SelectKey(record.Value) ?? (selector is null ? string.Empty : Missing);
                var position = SplitAssigner.Position(record.Utf8.Span, options.Seed);
                bool toValidation;
                if (cutoffs is null)
                {
                    toValidation = position < options.ValidationRatio;
                }
                else
                {
                    var cutoff = cutoffs.GetValueOrDefault(stratum, -1);
                    toValidation = position < cutoff;
                    if (position == cutoff && quotaAtCutoff![stratum] > 0)
                    {
                        quotaAtCutoff[stratum]--;
                        toValidation = true;
                    }
                }

                var count = counts.GetValueOrDefault(stratum);
                if (toValidation)
                {
                    await validationWriter.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                    validation++;
                    counts[stratum] = (count.Training, count.Validation + 1);
                }
                else
                {
                    await trainingWriter.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                    training++;
                    counts[stratum] = (count.Training + 1, count.Validation);
                }
            }
        }

        await trainingWriter.CommitAsync(cancellationToken).ConfigureAwait(false);
        await validationWriter.CommitAsync(cancellationToken).ConfigureAwait(false);
        var strata = selector is null ? [] : counts.Select(c => new SplitStratum(c.Key, c.Value.Training, c.Value.Validation)).ToList();
        return new SplitReport(training, validation, strata, errors);
    }

    /// <summary>round(n × ratio), but a stratum of two or more keeps at least one training example, and a lone example trains.</summary>
    internal static int ValidationQuota(int count, double ratio)
    {
        if (count < 2)
        {
            return 0;
        }

        var quota = (int)Math.Round(count * ratio, MidpointRounding.AwayFromZero);
        return Math.Clamp(quota, 0, count - 1);
    }
}
