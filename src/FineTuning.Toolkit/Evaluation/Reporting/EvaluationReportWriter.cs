using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>Writes an <see cref="EvaluationReport"/> as JSON, Markdown or one self-contained offline HTML file.</summary>
public static class EvaluationReportWriter
{
    /// <summary>Renders the report in <paramref name="format"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <returns>The text.</returns>
    public static string Render(EvaluationReport report, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        return format switch
        {
            ReportFormat.Json => JsonSerializer.Serialize(report, ToolkitJson.IndentedInfo<EvaluationReport>()),
            ReportFormat.Markdown => MarkdownReportWriter.Render(report),
            ReportFormat.Html => HtmlReportWriter.Render(report),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }

    /// <summary>Picks the format from a file extension: <c>.json</c>, <c>.md</c>/<c>.markdown</c>, <c>.html</c>/<c>.htm</c>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The extension is none of those.</exception>
    public static ReportFormat FormatFromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => ReportFormat.Json,
            ".md" or ".markdown" => ReportFormat.Markdown,
            ".html" or ".htm" => ReportFormat.Html,
            var ext => throw new ArgumentException($"Cannot tell the report format from the extension '{ext}' of '{path}'; use .json, .md or .html.", nameof(path)),
        };
    }

    /// <summary>Writes the report to <paramref name="path"/> through a temporary file in the same folder, then renames it, so a reader never sees half a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">The destination.</param>
    /// <param name="format">The format; <see langword="null"/> to infer it from the extension.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static async Task WriteAsync(EvaluationReport report, string path, ReportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Render(report, format ?? FormatFromPath(path));
        await AtomicFile.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
    }
}
