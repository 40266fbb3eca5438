namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>One evaluation item in a report: its prompt and reference, and every target's answers with their scores.</summary>
/// <param name="ItemId">The item id.</param>
/// <param name="Prompt">The prompt (the last user message), when the report was given the items.</param>
/// <param name="Reference">The reference answer, when known.</param>
/// <param name="Outputs">Every target's answers, in target then sample order.</param>
public sealed record ReportItem(string ItemId, string? Prompt, string? Reference, IReadOnlyList<ReportItemOutput> Outputs);
