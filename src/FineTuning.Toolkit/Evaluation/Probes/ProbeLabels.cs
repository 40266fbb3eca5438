using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>The <see cref="EvalItem.Labels"/> keys probe items carry, so probe items can run through any evaluation runner and be analysed afterwards.</summary>
public static class ProbeLabels
{
    /// <summary>The probe kind: <c>bias</c>, <c>drift</c> or <c>memorization</c>.</summary>
    public const string Kind = "probe";

    /// <summary>The bias probe id.</summary>
    public const string ProbeId = "probe_id";

    /// <summary>The bias probe group.</summary>
    public const string Group = "probe_group";

    /// <summary>The term filled into the template.</summary>
    public const string Term = "probe_term";

    /// <summary>The id of the training example a memorisation probe paraphrases.</summary>
    public const string Source = "probe_source";
}
