using System.Globalization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Together AI's own job settings (<c>POST /v1/fine-tunes</c>, docs.together.ai/reference/post-fine-tunes), set on
/// <see cref="FineTuningJobRequest.Together"/>. Epochs and batch size come from <see cref="FineTuningJobRequest.Method"/>;
/// every setting left <see langword="null"/> is left to Together's default. Other providers ignore these settings.
/// </summary>
public sealed class TogetherTrainingOptions
{
    /// <summary>Gets a value indicating whether every weight is trained (<c>training_type: Full</c>); the default is LoRA adapters.</summary>
    public bool FullFineTuning { get; init; }

    /// <summary>Gets the LoRA rank (<c>lora_r</c>), or <see langword="null"/> for Together's default.</summary>
    public int? LoraRank { get; init; }

    /// <summary>Gets the LoRA alpha (<c>lora_alpha</c>), or <see langword="null"/> for Together's default.</summary>
    public int? LoraAlpha { get; init; }

    /// <summary>Gets the number of intermediate checkpoints to save (<c>n_checkpoints</c>, Together's default 1).</summary>
    public int? Checkpoints { get; init; }

    /// <summary>Gets the number of evaluations on the validation file during training (<c>n_evals</c>, default 0); billed as validation tokens × evaluations.</summary>
    public int? Evaluations { get; init; }

    /// <summary>Gets the absolute learning rate (<c>learning_rate</c>, Together's default 0.00001); Together has no learning-rate multiplier.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Gets the share of steps that warm the learning rate up linearly (<c>warmup_ratio</c>, 0 to 1).</summary>
    public double? WarmupRatio { get; init; }

    /// <summary>Gets the checkpoint to continue from (<c>from_checkpoint</c>: a job id or output model name, optionally <c>:STEP</c>).</summary>
    public string? FromCheckpoint { get; init; }

    /// <summary>Gets the Weights &amp; Biases key (<c>wandb_api_key</c>) Together needs to report to W&amp;B; never logged or printed.</summary>
    public string? WandbApiKey { get; init; }

    /// <summary>Checks the values.</summary>
    /// <returns>The problems, empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LoraRank is <= 0)
        {
            errors.Add($"lora_r must be a positive integer (got {LoraRank}).");
        }

        if (LoraAlpha is <= 0)
        {
            errors.Add($"lora_alpha must be a positive integer (got {LoraAlpha}).");
        }

        if (FullFineTuning && (LoraRank is not null || LoraAlpha is not null))
        {
            errors.Add("lora_r and lora_alpha apply to LoRA training only, not to full fine-tuning.");
        }

        if (Checkpoints is < 1)
        {
            errors.Add($"n_checkpoints must be at least 1 (got {Checkpoints}).");
        }

        if (Evaluations is < 0)
        {
            errors.Add($"n_evals cannot be negative (got {Evaluations}).");
        }

        if (LearningRate is { } rate && !(rate > 0))
        {
            errors.Add("learning_rate must be greater than 0.");
        }

        if (WarmupRatio is { } warmup && !(warmup is >= 0 and <= 1))
        {
            errors.Add("warmup_ratio must be between 0 and 1.");
        }

        return errors;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(FullFineTuning ? "Full" : "LoRA")}, n_checkpoints={Checkpoints?.ToString(CultureInfo.InvariantCulture) ?? "default"}, n_evals={Evaluations?.ToString(CultureInfo.InvariantCulture) ?? "default"}, W&B key={(WandbApiKey is null ? "(none)" : "***")}";
}
