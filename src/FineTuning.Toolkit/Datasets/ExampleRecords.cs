using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Reads a JSONL file with <see cref="JsonlReader"/> and yields only the JSON-object lines; every unreadable line becomes an error in the given list (never skipped silently), blank lines are ignored.</summary>
internal static class ExampleRecords
{
    public static async IAsyncEnumerable<JsonlRecord> ReadAsync(string path, List<DatasetDiagnostic> errors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        await foreach (var record in JsonlReader.ReadAsync(path, null, cancellationToken).ConfigureAwait(false))
        {
            if (record.Kind == JsonlRecordKind.Blank)
            {
                record.Dispose();
                continue;
            }

            if (record.Kind == JsonlRecordKind.Value && record.IsObject && !record.HasErrors)
            {
                yield return record;
                continue;
            }

            AddErrors(record, errors);
            record.Dispose();
        }
    }

    /// <summary>Adds the errors of an unusable record (or a generic one when the reader gave none).</summary>
    public static void AddErrors(JsonlRecord record, List<DatasetDiagnostic> errors)
    {
        var before = errors.Count;
        errors.AddRange(record.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        if (errors.Count == before)
        {
            errors.Add(DatasetDiagnostic.Error(DatasetDiagnosticCodes.NotAnObject, record.LineNumber, "$", "The line is not a JSON object.", "Each line must be one JSON object."));
        }
    }
}
