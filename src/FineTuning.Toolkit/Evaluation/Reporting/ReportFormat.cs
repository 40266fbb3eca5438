namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>The formats <see cref="EvaluationReportWriter"/> writes.</summary>
public enum ReportFormat
{
    /// <summary>Indented JSON, for machines.</summary>
    Json = 0,

    /// <summary>GitHub-flavoured Markdown.</summary>
    Markdown = 1,

    /// <summary>One self-contained offline HTML file (inline CSS and SVG, no external references).</summary>
    Html = 2,
}
