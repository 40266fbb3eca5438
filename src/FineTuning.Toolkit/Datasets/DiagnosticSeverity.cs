namespace FineTuning.Toolkit.Datasets;

/// <summary>How serious a <see cref="DatasetDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; the platform accepts the data.</summary>
    Info = 0,

    /// <summary>The platform probably accepts the data but it is likely a mistake or hurts training.</summary>
    Warning = 1,

    /// <summary>The platform rejects the file (or the line cannot be read).</summary>
    Error = 2,
}
