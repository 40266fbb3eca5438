namespace FineTuning.Toolkit.Migration;

/// <summary>How <see cref="IMigrationKit.SnapshotAsync"/> records the golden answers.</summary>
public sealed record SnapshotOptions
{
    /// <summary>Gets an evaluation set used for every model instead of its validation file, or <see langword="null"/>.</summary>
    public string? EvalSetPath { get; init; }

    /// <summary>Gets the samples recorded per prompt (k).</summary>
    /// <value>The default value is 1.</value>
    public int Samples { get; init; } = 1;

    /// <summary>Gets the sampling temperature.</summary>
    /// <value>The default value is 0.</value>
    public float? Temperature { get; init; } = 0f;

    /// <summary>Gets the output token limit, or <see langword="null"/> for the service default.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the sampling seed, or <see langword="null"/>.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets a value indicating whether token log probabilities are requested (kept when the service returns them).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Logprobs { get; init; } = true;

    /// <summary>Gets how many prompts are sampled from the training file when a model has no validation file and no set is given.</summary>
    /// <value>The default value is 50.</value>
    public int TrainingSamplePrompts { get; init; } = 50;

    /// <summary>Gets the seed of that sample (the same seed picks the same prompts).</summary>
    /// <value>The default value is 42.</value>
    public int TrainingSampleSeed { get; init; } = 42;

    /// <summary>Gets the model calls in flight at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; init; } = 4;
}
