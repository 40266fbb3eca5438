namespace FineTuning.Toolkit.Jobs;

/// <summary>How a <see cref="FineTuningWorkflow.FineTuneAsync"/> run ended.</summary>
public enum FineTuneOutcome
{
    /// <summary>The plan has errors; nothing was uploaded.</summary>
    Invalid,

    /// <summary>The plan was not approved (no budget cap covered it and the approval callback said no or was absent); nothing was uploaded.</summary>
    NotApproved,

    /// <summary>A job was created (and, when asked, watched to its end).</summary>
    Started,

    /// <summary>An earlier job with the same datasets and configuration was found and returned.</summary>
    Existing,

    /// <summary>
    /// The highest estimate exceeds the stated budget cap (<see cref="FineTuneRequest.BudgetCapUsd"/> or
    /// <c>FineTuning:BudgetCapUsd</c>); nothing was uploaded. An approval callback cannot override a stated budget.
    /// </summary>
    OverBudget,
}
