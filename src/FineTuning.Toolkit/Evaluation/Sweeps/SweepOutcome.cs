namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>How a sweep ended.</summary>
public enum SweepOutcome
{
    /// <summary>Every candidate was trained (or found) and evaluated; a recommendation was made.</summary>
    Completed = 0,

    /// <summary>A configuration's plan is invalid; nothing was uploaded.</summary>
    Invalid = 1,

    /// <summary>The total upper bound exceeds the budget (or cannot be estimated); nothing was uploaded.</summary>
    OverBudget = 2,

    /// <summary>No budget covered the sweep and it was not approved; nothing was uploaded.</summary>
    NotApproved = 3,
}
