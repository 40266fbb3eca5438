namespace FineTuning.Toolkit.Deployments;

/// <summary>What <see cref="IModelDeploymentClient.CreateOrUpdateAsync"/> should deploy.</summary>
public sealed class ModelDeploymentRequest
{
    /// <summary>Gets the deployment name: the name chat calls pass as <c>model</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the model to deploy: a fine-tuned model id (<c>gpt-4.1-mini-2025-04-14.ft-…</c>) or a checkpoint's model id.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the deployment type.</summary>
    /// <value>The default value is <see cref="ModelDeploymentSku.GlobalStandard"/>.</value>
    public ModelDeploymentSku Sku { get; init; } = ModelDeploymentSku.GlobalStandard;

    /// <summary>Gets the capacity (units of 1,000 tokens per minute).</summary>
    /// <value>The default value is 1.</value>
    public int Capacity { get; init; } = 1;

    /// <summary>Gets the model format (<c>properties.model.format</c>); <see langword="null"/> infers it from the base model (<c>OpenAI</c> for OpenAI models).</summary>
    public string? ModelFormat { get; init; }

    /// <summary>Gets the model version (<c>properties.model.version</c>).</summary>
    /// <value>The default value is <c>1</c>.</value>
    public string ModelVersion { get; init; } = "1";

    /// <summary>Checks the request without calling the service.</summary>
    /// <returns>The problems found, empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name is required.");
        }
        else if (Name.Length > 64 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"Name '{Name}' must be 1-64 characters from letters, digits, '-', '_' and '.'.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("Model is required: the fine-tuned model id.");
        }

        if (!Enum.IsDefined(Sku))
        {
            errors.Add("Sku must be Standard, GlobalStandard or Developer.");
        }

        if (Capacity < 1)
        {
            errors.Add($"Capacity must be at least 1 (got {Capacity}).");
        }

        if (string.IsNullOrWhiteSpace(ModelVersion))
        {
            errors.Add("ModelVersion must not be empty.");
        }

        return errors;
    }
}
