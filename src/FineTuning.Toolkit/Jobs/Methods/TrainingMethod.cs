using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Methods;

/// <summary>
/// How a job trains: <see cref="SupervisedTraining"/>, <see cref="DpoTraining"/> or <see cref="ReinforcementTraining"/>.
/// The common hyperparameters live here; each method adds its own.
/// </summary>
public abstract class TrainingMethod
{
    private protected TrainingMethod()
    {
    }

    /// <summary>Gets the method type as the API spells it (<c>supervised</c>, <c>dpo</c>, <c>reinforcement</c>).</summary>
    public abstract string Type { get; }

    /// <summary>Gets or sets the number of epochs (1–50) or <c>auto</c>.</summary>
    public HyperparameterValue Epochs { get; set; }

    /// <summary>Gets or sets the batch size (1–256) or <c>auto</c>.</summary>
    public HyperparameterValue BatchSize { get; set; }

    /// <summary>Gets or sets the learning-rate multiplier (&gt; 0) or <c>auto</c>.</summary>
    public HyperparameterValue LearningRateMultiplier { get; set; }

    /// <summary>Checks the values against the documented ranges.</summary>
    /// <returns>The problems found, empty when the method is valid.</returns>
    public virtual IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Epochs.Value is { } e && !FineTuningLimits.IsValidEpochs(e))
        {
            errors.Add($"n_epochs must be an integer from {FineTuningLimits.MinEpochs} to {FineTuningLimits.MaxEpochs} or auto (got {Epochs}).");
        }

        if (BatchSize.Value is { } b && !FineTuningLimits.IsValidBatchSize(b))
        {
            errors.Add($"batch_size must be an integer from {FineTuningLimits.MinBatchSize} to {FineTuningLimits.MaxBatchSize} or auto (got {BatchSize}).");
        }

        if (LearningRateMultiplier.Value is { } l && !FineTuningLimits.IsValidLearningRateMultiplier(l))
        {
            errors.Add($"learning_rate_multiplier must be greater than 0 or auto (got {LearningRateMultiplier}).");
        }

        return errors;
    }

    /// <summary>Builds the <c>method</c> object of the create request.</summary>
    internal JsonObject ToJson()
    {
        var hyper = new JsonObject
        {
            ["n_epochs"] = Epochs.ToJson(integer: true),
            ["batch_size"] = BatchSize.ToJson(integer: true),
            ["learning_rate_multiplier"] = LearningRateMultiplier.ToJson(integer: false),
        };
        var body = new JsonObject { ["hyperparameters"] = hyper };
        AddTo(body, hyper);
        return new JsonObject { ["type"] = Type, [Type] = body };
    }

    /// <summary>Adds method-specific hyperparameters and fields.</summary>
    /// <param name="methodBody">The object under <c>method.{type}</c>.</param>
    /// <param name="hyperparameters">Its <c>hyperparameters</c> object.</param>
    private protected virtual void AddTo(JsonObject methodBody, JsonObject hyperparameters)
    {
    }
}
