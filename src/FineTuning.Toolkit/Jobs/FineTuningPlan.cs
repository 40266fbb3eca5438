using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Jobs;

/// <summary>What a fine-tuning run will do and cost, before anything is uploaded or paid for.</summary>
public sealed class FineTuningPlan
{
    /// <summary>Gets the provider.</summary>
    public required FineTuningProvider Provider { get; init; }

    /// <summary>Gets the model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the method type.</summary>
    public required string MethodType { get; init; }

    /// <summary>Gets the training file path.</summary>
    public required string TrainingPath { get; init; }

    /// <summary>Gets the SHA-256 of the training file.</summary>
    public required string TrainingSha256 { get; init; }

    /// <summary>Gets the SHA-256 of the validation file, if any.</summary>
    public string? ValidationSha256 { get; init; }

    /// <summary>Gets the number of training examples.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>Gets the hash of the job configuration (model, method, hyperparameters, suffix, seed).</summary>
    public required string ConfigHash { get; init; }

    /// <summary>Gets the idempotency key derived from the dataset hashes and the configuration.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the estimate (epochs, billed tokens, cost, catalog findings), when the model is in the catalog.</summary>
    public TrainingEstimate? Estimate { get; init; }

    /// <summary>Gets the expected cost in USD, if known.</summary>
    public decimal? EstimatedCostUsd => Estimate?.Cost?.Expected;

    /// <summary>Gets the highest cost in USD the estimate allows for, if known.</summary>
    public decimal? MaxCostUsd => Estimate?.Cost?.High;

    /// <summary>Gets the spending cap that applies, if any.</summary>
    public decimal? BudgetCapUsd { get; init; }

    /// <summary>Gets problems that block the run (invalid lines, an unavailable model, …).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Gets warnings worth reading before paying.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets a value indicating whether the plan can run.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Gets a value indicating whether a budget cap is stated and the highest estimate is known to exceed it.</summary>
    public bool OverBudget => BudgetCapUsd is { } cap && (MaxCostUsd ?? EstimatedCostUsd) is { } cost && cost > cap;

    /// <summary>Gets a value indicating whether the budget cap covers the highest estimated cost.</summary>
    public bool WithinBudget => BudgetCapUsd is { } cap && (MaxCostUsd ?? EstimatedCostUsd) is { } cost && cost <= cap;

    /// <inheritdoc/>
    public override string ToString()
    {
        var cost = EstimatedCostUsd is { } c ? $"~${c:0.00}" + (MaxCostUsd is { } m && m != c ? $" (up to ${m:0.00})" : string.Empty) : "unknown cost";
        return $"{MethodType} fine-tune of {Model} on {TrainingExamples} examples, {Estimate?.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"} epochs, {Estimate?.BilledTokens.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} billed tokens, {cost}"
            + (BudgetCapUsd is { } cap ? $", budget ${cap:0.00}" : string.Empty);
    }
}
