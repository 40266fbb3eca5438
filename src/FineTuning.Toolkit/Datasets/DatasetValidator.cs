using System.Diagnostics;
using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Validates a JSONL training file in one streaming pass and reports every problem with a stable code, line, JSON path and fix.
/// Memory stays flat whatever the file size (one line at a time; duplicate detection keeps a 16-byte hash slot per distinct example).
/// </summary>
/// <example>
/// <code>
/// var report = await DatasetValidator.ValidateAsync("train.jsonl");
/// if (!report.IsValid)
/// {
///     foreach (var d in report.Diagnostics) Console.WriteLine(d);
/// }
/// </code>
/// </example>
public static class DatasetValidator
{
    /// <summary>Validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">The JSONL file.</param>
    /// <param name="options">The options, or <see langword="null"/> for OpenAI's rules with format detection.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report; never throws for bad content.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static async Task<DatasetValidationReport> ValidateAsync(string path, DatasetValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = JsonlReader.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ValidateCoreAsync(stream, path, options ?? new DatasetValidationOptions(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Validates JSONL read from <paramref name="stream"/> (not disposed).</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="options">The options, or <see langword="null"/> for OpenAI's rules with format detection.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public static Task<DatasetValidationReport> ValidateAsync(Stream stream, DatasetValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ValidateCoreAsync(stream, null, options ?? new DatasetValidationOptions(), cancellationToken);
    }

    private static async Task<DatasetValidationReport> ValidateCoreAsync(Stream stream, string? source, DatasetValidationOptions options, CancellationToken cancellationToken)
    {
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.validate");
        var profile = options.Profile ?? ValidationProfile.OpenAI;
        var readerOptions = options.ReaderOptions ?? new JsonlReaderOptions();
        if (options.ReaderOptions is null)
        {
            readerOptions.ExpectByteOrderMark = profile.ExpectByteOrderMark;
        }

        var session = new ValidationSession(options, profile, source) { MaxDepth = readerOptions.MaxDepth };
        // Borrowed records: each line is read in place in the reader's pooled buffer, by the session's single Utf8JsonReader pass
        // (ValidationSession.TryRead) or else parsed into a document disposed before the next line.
        await foreach (var record in JsonlReader.ReadBorrowedAsync(stream, readerOptions, session, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                session.Process(record);
            }
        }

        var report = session.Complete();
        foreach (var observer in options.Observers)
        {
            observer.OnCompleted(report);
        }

        activity?.SetTag("ftk.dataset.format", DatasetValidationReport.FormatName(report.Format));
        activity?.SetTag("ftk.dataset.examples", report.ExampleCount);
        activity?.SetTag("ftk.dataset.errors", report.ErrorCount);
        if (!report.IsValid)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "dataset has errors");
        }

        return report;
    }
}
