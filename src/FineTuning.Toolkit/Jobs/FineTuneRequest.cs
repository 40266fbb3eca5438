using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Jobs;

/// <summary>What <see cref="FineTuningWorkflow.FineTuneAsync"/> should train.</summary>
public sealed class FineTuneRequest
{
    /// <summary>Gets the base model; <see langword="null"/> uses <see cref="FineTuningToolkitOptions.DefaultModel"/>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the validation file, if any.</summary>
    public string? ValidationPath { get; init; }

    /// <summary>Gets the method and hyperparameters; <see langword="null"/> means supervised with <c>auto</c> values.</summary>
    public TrainingMethod? Method { get; init; }

    /// <summary>Gets the model-name suffix.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Gets extra metadata (the toolkit adds its lineage keys).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the W&amp;B integration, if any.</summary>
    public WandbIntegration? Wandb { get; init; }

    /// <summary>Gets the Azure training tier (<c>trainingType</c>).</summary>
    public AzureTrainingType? AzureTrainingType { get; init; }

    /// <summary>Gets Together AI's own settings (LoRA or Full, checkpoints, evaluations, warmup); ignored by other providers. Full fine-tuning is priced with the catalog's <c>full</c> tier.</summary>
    public TogetherTrainingOptions? Together { get; init; }

    /// <summary>Gets the spending cap for this run: it can lower <see cref="FineTuningToolkitOptions.BudgetCapUsd"/> (the lower of the two applies), never raise it; <see langword="null"/> uses the configured cap alone.</summary>
    public decimal? BudgetCapUsd { get; init; }

    /// <summary>
    /// Gets the approval callback, asked when no budget cap is stated or the cost cannot be estimated. Without a
    /// callback such a plan is not started: a job that costs money is never started implicitly. A stated cap that the
    /// highest estimate exceeds is never overridden by the callback (<see cref="FineTuneOutcome.OverBudget"/>).
    /// </summary>
    public Func<FineTuningPlan, CancellationToken, ValueTask<bool>>? Approve { get; init; }

    /// <summary>Gets a value indicating whether to wait until the job finishes.</summary>
    public bool WaitForCompletion { get; init; }

    /// <summary>Gets the longest wait when <see cref="WaitForCompletion"/> is set.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets a value indicating whether an earlier job with the same datasets and configuration (not failed or cancelled) is returned instead of starting another.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ReuseExistingJob { get; init; } = true;

    /// <summary>A copy with another budget cap and approval callback; every other setting is kept (kept next to the fields so a new one is not forgotten).</summary>
    /// <param name="budgetCapUsd">The budget cap.</param>
    /// <param name="approve">The approval callback.</param>
    /// <returns>The copy.</returns>
    internal FineTuneRequest WithApproval(decimal? budgetCapUsd, Func<FineTuningPlan, CancellationToken, ValueTask<bool>>? approve) => new()
    {
        Model = Model,
        ValidationPath = ValidationPath,
        Method = Method,
        Suffix = Suffix,
        Seed = Seed,
        Metadata = Metadata,
        Wandb = Wandb,
        AzureTrainingType = AzureTrainingType,
        Together = Together,
        BudgetCapUsd = budgetCapUsd,
        Approve = approve,
        WaitForCompletion = WaitForCompletion,
        Timeout = Timeout,
        ReuseExistingJob = ReuseExistingJob,
    };
}
