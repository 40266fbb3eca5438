using System.Reflection;

namespace FineTuning.Toolkit;

/// <summary>Facts about this build of the toolkit (used in job lineage and reports).</summary>
public static class ToolkitInfo
{
    /// <summary>The toolkit's informational version, e.g. <c>0.1.0-preview</c>.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ToolkitInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
