using System.Text.Json;

namespace FineTuning.Toolkit.IO;

/// <summary>The one place the toolkit's JSON output options live (<see cref="ToolkitJsonContext"/>), plus an indented variant for human-opened files such as <c>report.json</c>.</summary>
internal static class ToolkitJson
{
    /// <summary>Gets the same convention as <see cref="ToolkitJsonContext.Default"/>, indented.</summary>
    public static ToolkitJsonContext Indented { get; } = new(new JsonSerializerOptions(ToolkitJsonContext.Default.Options) { WriteIndented = true });
}
