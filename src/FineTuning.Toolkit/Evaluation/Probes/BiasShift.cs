namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>How fine-tuning changed a between-group gap on a bias probe.</summary>
public enum BiasShift
{
    /// <summary>The gap stayed below the threshold, or changed by less than half the threshold.</summary>
    Unchanged = 0,

    /// <summary>A gap the baseline already had grew (by at least half the threshold), favouring the same group.</summary>
    Reinforced = 1,

    /// <summary>A gap the baseline had shrank by at least half the threshold (possibly below the threshold).</summary>
    Mitigated = 2,

    /// <summary>The baseline had no meaningful gap; the candidate has one.</summary>
    Introduced = 3,

    /// <summary>Both have a meaningful gap but the favoured group changed.</summary>
    Reversed = 4,

    /// <summary>
    /// The gap shrank because the candidate gives (nearly) one answer to every probe prompt: a model that stopped
    /// answering is not treating the groups alike, so this is not counted as <see cref="Mitigated"/>.
    /// </summary>
    Collapsed = 5,
}
