using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>
/// Before a JSONL file leaves the machine: is every line readable (UTF-8, one JSON object, not too long) and is the file
/// non-empty? Uses the library's validator (one streaming pass) and only its file-level codes, so a file meant for any
/// purpose passes as long as it is well-formed JSONL.
/// </summary>
internal static class JsonlReadability
{
    private static readonly HashSet<string> s_unreadable = new(StringComparer.Ordinal)
    {
        DatasetDiagnosticCodes.InvalidUtf8,
        DatasetDiagnosticCodes.InvalidJson,
        DatasetDiagnosticCodes.NotAnObject,
        DatasetDiagnosticCodes.LineTooLong,
        DatasetDiagnosticCodes.EmptyFile,
    };

    /// <summary>Throws <see cref="CliInputException"/> (exit code 1) naming the first unreadable line of <paramref name="path"/>.</summary>
    public static async Task RequireAsync(string path, CancellationToken cancellationToken)
    {
        var report = await DatasetValidator.ValidateAsync(path, new DatasetValidationOptions { MaxErrors = 100 }, cancellationToken).ConfigureAwait(false);
        var problems = report.Diagnostics.Where(d => s_unreadable.Contains(d.Code)).ToList();
        if (problems.Count == 0) return;
        var first = problems[0];
        var where = first.Line > 0 ? $"line {first.Line}" : "file";
        throw new CliInputException($"'{path}' is not readable JSONL ({where}: {first.Code} {first.Message}); nothing was uploaded. Run 'ftk validate' for every problem.");
    }
}
