namespace FineTuning.Toolkit.Migration;

/// <summary>One fine-tuned model of a migration snapshot: how it was trained, where its data is, and its golden answers.</summary>
public sealed record SnapshotModel
{
    /// <summary>Gets the fine-tuned model id (<c>ft:…</c>).</summary>
    public required string FineTunedModel { get; init; }

    /// <summary>Gets the base model the job trained.</summary>
    public string? BaseModel { get; init; }

    /// <summary>Gets the job that produced the model.</summary>
    public required string JobId { get; init; }

    /// <summary>Gets the training method (<c>supervised</c>, <c>dpo</c>, <c>reinforcement</c>).</summary>
    public string? MethodType { get; init; }

    /// <summary>Gets the hyperparameters the service resolved (<c>n_epochs</c>, <c>batch_size</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the job's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the job's suffix.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the tokens the job was billed for.</summary>
    public long? TrainedTokens { get; init; }

    /// <summary>Gets when the job finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the training file, relative to the snapshot folder, or <see langword="null"/> when it could not be exported.</summary>
    public string? TrainingFile { get; init; }

    /// <summary>Gets the validation file, relative to the snapshot folder, if the job had one.</summary>
    public string? ValidationFile { get; init; }

    /// <summary>Gets where the golden prompts came from: <see cref="GoldenSources"/>.</summary>
    public string? GoldenSource { get; init; }

    /// <summary>Gets the golden prompts (an eval set, JSONL), relative to the snapshot folder.</summary>
    public string? GoldenItems { get; init; }

    /// <summary>Gets the golden answers (the evaluation runner's <c>results.jsonl</c>), relative to the snapshot folder.</summary>
    public string? GoldenResults { get; init; }

    /// <summary>Gets the number of golden prompts.</summary>
    public int GoldenItemCount { get; init; }

    /// <summary>Gets the number of answers recorded (prompts × samples that succeeded).</summary>
    public int GoldenAnswers { get; init; }

    /// <summary>Gets the number of recorded answers that carry token log probabilities.</summary>
    public int AnswersWithLogprobs { get; init; }

    /// <summary>Gets a value indicating whether the model answered when it was last checked.</summary>
    public bool Answering { get; init; }

    /// <summary>Gets when the model was last checked.</summary>
    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>Gets why the model did not answer, if it did not.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the input tokens of the recorded answers.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens of the recorded answers.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the cost of the recorded answers in USD, when the catalog prices the model.</summary>
    public decimal? CostUsd { get; init; }
}
