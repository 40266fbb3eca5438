namespace FineTuning.Toolkit.Models;

/// <summary>The fine-tuning methods a base model supports, as flags.</summary>
/// <remarks>In the catalog JSON these are the strings <c>supervised</c>, <c>dpo</c>, <c>reinforcement</c> and <c>vision</c>;
/// in configuration they bind from a comma-separated list such as <c>"Supervised, Dpo"</c>.</remarks>
[Flags]
public enum ModelTrainingMethods
{
    /// <summary>No method (an unknown model, or a catalog entry that lists none).</summary>
    None = 0,

    /// <summary>Supervised fine-tuning (SFT) on chat examples: <c>method.type = "supervised"</c>.</summary>
    Supervised = 1,

    /// <summary>Direct preference optimisation: <c>method.type = "dpo"</c>.</summary>
    Dpo = 2,

    /// <summary>Reinforcement fine-tuning with a grader: <c>method.type = "reinforcement"</c>.</summary>
    Reinforcement = 4,

    /// <summary>Supervised fine-tuning on examples that contain images.</summary>
    Vision = 8,
}
