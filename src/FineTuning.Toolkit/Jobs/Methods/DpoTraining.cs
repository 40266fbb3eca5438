using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Methods;

/// <summary>Direct preference optimization (DPO) on preferred / non-preferred pairs.</summary>
public sealed class DpoTraining : TrainingMethod
{
    /// <inheritdoc/>
    public override string Type => "dpo";

    /// <summary>Gets or sets beta, in (0, 2], or <c>auto</c>. Higher keeps the model closer to the reference model.</summary>
    public HyperparameterValue Beta { get; set; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (Beta.Value is { } beta && !FineTuningLimits.IsValidBeta(beta))
        {
            errors.Add($"beta must be in (0, {FineTuningLimits.Format(FineTuningLimits.MaxBeta)}] or auto (got {Beta}).");
        }

        return errors;
    }

    private protected override void AddTo(JsonObject methodBody, JsonObject hyperparameters) =>
        hyperparameters["beta"] = Beta.ToJson(integer: false);
}
