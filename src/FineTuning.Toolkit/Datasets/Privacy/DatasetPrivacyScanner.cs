using System.Buffers;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>
/// Scans a JSONL dataset for personal data and secrets (every string value of every line, with line and JSON path), and writes
/// a redacted copy with typed placeholders. Streams: memory does not grow with the file, only with the number of findings.
/// </summary>
/// <example>
/// <code>
/// var scanner = new DatasetPrivacyScanner();
/// var report = await scanner.ScanAsync("train.jsonl");
/// foreach (var finding in report.Findings)
///     Console.WriteLine($"line {finding.Line} {finding.JsonPath}: {finding.Kind} {finding.MaskedExcerpt}");
/// await scanner.RedactAsync("train.jsonl", "train.redacted.jsonl");
/// </code>
/// </example>
public sealed class DatasetPrivacyScanner
{
    private readonly SensitiveDataScanner _scanner;

    /// <summary>Initializes a new instance of the <see cref="DatasetPrivacyScanner"/> class.</summary>
    /// <param name="options">The detector options, or <see langword="null"/> for every detector.</param>
    public DatasetPrivacyScanner(SensitiveDataScannerOptions? options = null) => _scanner = new SensitiveDataScanner(options);

    /// <summary>Scans the JSONL file at <paramref name="path"/>.</summary>
    /// <param name="path">The dataset file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The findings and the unreadable lines.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<PrivacyScanReport> ScanAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.scan");
        var findings = new List<SensitiveDataFinding>();
        var errors = new List<DatasetDiagnostic>();
        long lines = 0;
        await foreach (var record in ReadAllAsync(path, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                if (record.Kind == JsonlRecordKind.Blank)
                {
                    continue;
                }

                lines++;
                if (IsExample(record))
                {
                    findings.AddRange(JsonSensitiveData.Scan(_scanner, record.Value, record.LineNumber));
                    continue;
                }

                ExampleRecords.AddErrors(record, errors);
                var raw = Encoding.UTF8.GetString(record.Utf8.Span);
                var matches = _scanner.Scan(raw);
                findings.AddRange(matches.Select(m => new SensitiveDataFinding(record.LineNumber, "$", m.Kind, m.Detector, _scanner.MaskExcerpt(raw, m, matches))));
            }
        }

        activity?.SetTag("ftk.findings", findings.Count);
        return new PrivacyScanReport(lines, findings, errors);
    }

    /// <summary>
    /// Writes a copy of <paramref name="inputPath"/> to <paramref name="outputPath"/> with every finding replaced by its placeholder
    /// (<c>[EMAIL]</c>, <c>[API_KEY]</c>, ...). The output is written to a temporary file and renamed into place, so a failure
    /// never leaves a half-written file. Lines stay in order (blank lines included) so line numbers still match the input.
    /// </summary>
    /// <param name="inputPath">The dataset file.</param>
    /// <param name="outputPath">The redacted file to write (must differ from the input).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>What was replaced.</returns>
    /// <exception cref="ArgumentException">The output path is the input path.</exception>
    public async Task<RedactionReport> RedactAsync(string inputPath, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        DataprepPaths.EnsureDistinct(inputPath, outputPath);

        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.dataset.redact");
        var counts = new Dictionary<SensitiveDataKind, int>();
        var errors = new List<DatasetDiagnostic>();
        long lines = 0, changed = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = JsonlWriter.Create(outputPath);
        await foreach (var record in ReadAllAsync(inputPath, cancellationToken).ConfigureAwait(false))
        {
            using (record)
            {
                lines++;
                if (IsExample(record))
                {
                    var matches = 0;
                    JsonSensitiveData.Walk(record.Value, "$", (_, value) =>
                    {
                        foreach (var match in _scanner.Scan(value))
                        {
                            counts[match.Kind] = counts.GetValueOrDefault(match.Kind) + 1;
                            matches++;
                        }
                    });
                    if (matches == 0)
                    {
                        await writer.WriteRawAsync(record.Utf8, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    buffer.ResetWrittenCount();
                    using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        JsonSensitiveData.WriteRedacted(_scanner, record.Value, json);
                    }

                    await writer.WriteRawAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    changed++;
                    continue;
                }

                if (record.Kind != JsonlRecordKind.Blank)
                {
                    ExampleRecords.AddErrors(record, errors);
                }

                var raw = Encoding.UTF8.GetString(record.Utf8.Span);
                var rawMatches = _scanner.Scan(raw);
                if (rawMatches.Count == 0)
                {
                    await writer.WriteRawAsync(record.Utf8, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var match in rawMatches)
                {
                    counts[match.Kind] = counts.GetValueOrDefault(match.Kind) + 1;
                }

                await writer.WriteRawAsync(Encoding.UTF8.GetBytes(SensitiveDataScanner.Redact(raw, rawMatches)), cancellationToken).ConfigureAwait(false);
                changed++;
            }
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        activity?.SetTag("ftk.redacted_lines", changed);
        return new RedactionReport(lines, changed, counts, errors);
    }

    private static bool IsExample(JsonlRecord record) => record.Kind == JsonlRecordKind.Value && record.IsObject && !record.HasErrors;

    private static async IAsyncEnumerable<JsonlRecord> ReadAllAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        await foreach (var record in JsonlReader.ReadAsync(path, null, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }
}
