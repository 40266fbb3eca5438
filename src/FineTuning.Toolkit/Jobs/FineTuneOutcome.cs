namespace FineTuning.Toolkit.Jobs;

/// <summary>How a <see cref="FineTuningWorkflow.FineTuneAsync"/> run ended.</summary>
public enum FineTuneOutcome
{
    /// <summary>The plan has errors; nothing was uploaded.</summary>
    Invalid,

    /// <summary>The plan was not approved (over budget and no approval); nothing was uploaded.</summary>
    NotApproved,

    /// <summary>A job was created (and, when asked, watched to its end).</summary>
    Started,

    /// <summary>An earlier job with the same datasets and configuration was found and returned.</summary>
    Existing,
}
