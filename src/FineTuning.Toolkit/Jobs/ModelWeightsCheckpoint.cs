namespace FineTuning.Toolkit.Jobs;

/// <summary>Which trained weights to download (Together AI's <c>checkpoint</c> parameter of <c>/v1/finetune/download</c>).</summary>
public enum ModelWeightsCheckpoint
{
    /// <summary>The base model with the trained adapter merged in (<c>merged</c>): a standalone model.</summary>
    Merged,

    /// <summary>The LoRA adapter alone (<c>adapter</c>), to load on top of the base model.</summary>
    Adapter,
}
