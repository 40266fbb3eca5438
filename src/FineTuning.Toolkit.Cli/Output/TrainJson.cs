using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>
/// <c>ftk train --json</c>: what happened (<c>started</c>, <c>existing</c>, <c>over_budget</c>, …), the job's id, status
/// and model at the top (for scripts), the plan, and the job.
/// </summary>
internal sealed record TrainJson(
    string Outcome,
    string? JobId,
    string? Status,
    string? Model,
    string? FineTunedModel,
    string Provider,
    string? Error,
    TrainJson.PlanJson Plan,
    JobJsonSummary? Job,
    string? Message)
{
    /// <summary>Builds the record.</summary>
    public static TrainJson From(string outcome, FineTuningPlan plan, FineTuningJobInfo? job, string? message, string provider) => new(
        outcome,
        job?.Id,
        job?.Status.Value,
        job?.Model ?? plan.Model,
        job?.FineTunedModel,
        provider,
        job?.Error?.ToString(),
        new PlanJson(
            plan.Provider.ToString().ToLowerInvariant(),
            plan.Model,
            plan.MethodType,
            plan.TrainingExamples,
            plan.Estimate?.Epochs,
            plan.Estimate?.BilledTokens,
            plan.EstimatedCostUsd,
            plan.Estimate?.Cost?.Low,
            plan.MaxCostUsd,
            plan.BudgetCapUsd,
            plan.OverBudget,
            "unknown",
            plan.Warnings,
            plan.Errors),
        job is null ? null : JobJsonSummary.From(job),
        message);

    /// <summary>The plan: what would be trained and what it would cost.</summary>
    internal sealed record PlanJson(
        string Provider,
        string Model,
        string Method,
        int TrainingExamples,
        int? Epochs,
        long? BilledTokens,
        decimal? EstimatedCostUsd,
        decimal? MinCostUsd,
        decimal? MaxCostUsd,
        decimal? BudgetCapUsd,
        bool OverBudget,
        string EstimatedTime,
        IReadOnlyList<string> Warnings,
        IReadOnlyList<string> Errors);
}
