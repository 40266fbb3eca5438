using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>The plan of every configuration a sweep would train, with the sweep's total cost against its one budget.</summary>
/// <param name="Configurations">One plan per epoch count (the workflow's own plan: validation, tokens, cost).</param>
/// <param name="BudgetCapUsd">The sweep's total cap, or <see langword="null"/>.</param>
public sealed record SweepPlan(IReadOnlyList<SweepConfigurationPlan> Configurations, decimal? BudgetCapUsd)
{
    /// <summary>Gets the sum of the expected costs, or <see langword="null"/> when any configuration has no estimate.</summary>
    public decimal? EstimatedCostUsd => Sum(p => p.EstimatedCostUsd);

    /// <summary>Gets the sum of the estimates' upper bounds (expected where there is no bound), or <see langword="null"/> when any has no estimate.</summary>
    public decimal? MaxCostUsd => Sum(p => p.MaxCostUsd ?? p.EstimatedCostUsd);

    /// <summary>Gets every configuration's errors, prefixed with its epochs.</summary>
    public IReadOnlyList<string> Errors => [.. Configurations.SelectMany(c => c.Plan.Errors.Select(e => $"{c.Epochs} epoch(s): {e}"))];

    /// <summary>Gets a value indicating whether every configuration is valid.</summary>
    public bool IsValid => Configurations.All(c => c.Plan.IsValid);

    /// <summary>Gets a value indicating whether a budget is set and the total upper bound exceeds it, or cannot be estimated.</summary>
    public bool OverBudget => BudgetCapUsd is { } cap && Configurations.Count > 0 && (MaxCostUsd is not { } cost || cost > cap);

    /// <summary>Gets a value indicating whether a budget is set and covers the total upper bound.</summary>
    public bool WithinBudget => BudgetCapUsd is { } cap && (Configurations.Count == 0 || (MaxCostUsd is { } cost && cost <= cap));

    private decimal? Sum(Func<FineTuningPlan, decimal?> cost)
    {
        decimal total = 0;
        foreach (var c in Configurations)
        {
            if (cost(c.Plan) is not { } value)
            {
                return null;
            }

            total += value;
        }

        return total;
    }
}
