namespace FineTuning.Toolkit.Models;

/// <summary>How serious a <see cref="ModelDiagnostic"/> is.</summary>
public enum ModelDiagnosticSeverity
{
    /// <summary>Worth knowing; nothing to fix.</summary>
    Info = 0,

    /// <summary>The job can run, but probably not as intended (truncation, a retirement soon, an unverified fact).</summary>
    Warning = 1,

    /// <summary>The job would fail or produce a model that cannot be used.</summary>
    Error = 2,
}
