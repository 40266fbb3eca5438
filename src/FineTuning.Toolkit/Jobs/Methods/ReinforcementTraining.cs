using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Jobs.Methods;

/// <summary>Reinforcement fine-tuning (RFT): the model is rewarded by a <see cref="Grader"/>.</summary>
public sealed class ReinforcementTraining : TrainingMethod
{
    /// <summary>Initializes a new instance of the <see cref="ReinforcementTraining"/> class.</summary>
    /// <param name="grader">The grader; a <see cref="LabelModelGrader"/> is allowed only inside a <see cref="MultiGrader"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grader"/> is <see langword="null"/>.</exception>
    public ReinforcementTraining(Grader grader)
    {
        ArgumentNullException.ThrowIfNull(grader);
        Grader = grader;
    }

    /// <inheritdoc/>
    public override string Type => "reinforcement";

    /// <summary>Gets the grader that scores samples.</summary>
    public Grader Grader { get; }

    /// <summary>Gets or sets the reasoning effort (<c>default</c>, <c>low</c>, <c>medium</c>, <c>high</c>), or <see langword="null"/> to leave it out.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets or sets the compute multiplier, in (0.00001, 10], or <c>auto</c>.</summary>
    public HyperparameterValue ComputeMultiplier { get; set; }

    /// <summary>Gets or sets the number of training steps between evaluations, or <c>auto</c>.</summary>
    public HyperparameterValue EvalInterval { get; set; }

    /// <summary>Gets or sets the number of samples per evaluation, or <c>auto</c>.</summary>
    public HyperparameterValue EvalSamples { get; set; }

    /// <summary>Gets or sets an optional JSON schema response format, as raw JSON (e.g. <c>{"type":"json_schema",…}</c>).</summary>
    public string? ResponseFormatJson { get; set; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (Grader is LabelModelGrader)
        {
            errors.Add("label_model is not allowed as the top-level RFT grader; wrap it in a multi grader.");
        }

        if (ReasoningEffort is { } effort && !FineTuningLimits.ReasoningEfforts.Contains(effort))
        {
            errors.Add($"reasoning_effort must be default, low, medium or high (got '{effort}').");
        }

        if (ComputeMultiplier.Value is { } c && !FineTuningLimits.IsValidComputeMultiplier(c))
        {
            errors.Add($"compute_multiplier must be in ({FineTuningLimits.Format(FineTuningLimits.MinComputeMultiplierExclusive)}, {FineTuningLimits.Format(FineTuningLimits.MaxComputeMultiplier)}] or auto (got {ComputeMultiplier}).");
        }

        if (EvalInterval.Value is { } i && !FineTuningLimits.IsValidEvalCount(i))
        {
            errors.Add($"eval_interval must be an integer of at least 1 or auto (got {EvalInterval}).");
        }

        if (EvalSamples.Value is { } s && !FineTuningLimits.IsValidEvalCount(s))
        {
            errors.Add($"eval_samples must be an integer of at least 1 or auto (got {EvalSamples}).");
        }

        errors.AddRange(Grader.Validate());
        return errors;
    }

    private protected override void AddTo(JsonObject methodBody, JsonObject hyperparameters)
    {
        methodBody["grader"] = Grader.ToJson();
        if (ReasoningEffort is not null)
        {
            hyperparameters["reasoning_effort"] = ReasoningEffort;
        }

        hyperparameters["compute_multiplier"] = ComputeMultiplier.ToJson(integer: false);
        hyperparameters["eval_interval"] = EvalInterval.ToJson(integer: true);
        hyperparameters["eval_samples"] = EvalSamples.ToJson(integer: true);
        if (ResponseFormatJson is not null)
        {
            methodBody["response_format"] = JsonNode.Parse(ResponseFormatJson);
        }
    }
}
