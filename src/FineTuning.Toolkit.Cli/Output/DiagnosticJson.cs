using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>One dataset diagnostic in <c>--json</c> output.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Line">The 1-based line, 0 for the file.</param>
/// <param name="Path">The JSON path inside the line.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Suggestion">How to fix it, or <see langword="null"/>.</param>
internal sealed record DiagnosticJson(string Code, long Line, string Path, string Message, string? Suggestion)
{
    /// <summary>At most <paramref name="max"/> diagnostics as records.</summary>
    public static IReadOnlyList<DiagnosticJson> List(IReadOnlyList<DatasetDiagnostic> diagnostics, int max) =>
        [.. diagnostics.Take(max).Select(d => new DiagnosticJson(d.Code, d.Line, d.Path, d.Message, d.Suggestion.Length > 0 ? d.Suggestion : null))];
}
