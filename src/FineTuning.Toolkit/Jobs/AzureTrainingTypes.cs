using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The one mapping between <see cref="AzureTrainingType"/>, its wire spellings and the catalog's tier names, and the explanation of Azure's refusal.</summary>
internal static class AzureTrainingTypes
{
    /// <summary>The value sent as <c>trainingType</c> (the spellings of the Azure REST docs).</summary>
    /// <param name="type">The training type.</param>
    /// <returns>The wire value.</returns>
    public static string ToWire(AzureTrainingType type) => type switch
    {
        AzureTrainingType.Standard => "Standard",
        AzureTrainingType.Developer => "developerTier",
        _ => "GlobalStandard",
    };

    /// <summary>The catalog tier name of a training type (<c>standard</c>, <c>global</c>, <c>developer</c>).</summary>
    /// <param name="type">The training type.</param>
    /// <returns>The tier name.</returns>
    public static string ToTierName(AzureTrainingType type) => type switch
    {
        AzureTrainingType.Standard => "standard",
        AzureTrainingType.Developer => "developer",
        _ => "global",
    };

    /// <summary>Parses a training type: <c>standard</c>, <c>globalstandard</c>/<c>global</c>, <c>developer</c>/<c>developertier</c> (case-insensitive; <c>-</c> and <c>_</c> ignored).</summary>
    /// <param name="text">The text.</param>
    /// <param name="type">The training type.</param>
    /// <returns><see langword="true"/> when the text names one.</returns>
    public static bool TryParse(string? text, out AzureTrainingType type)
    {
        switch (ModelIds.NormalizeTier(text ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal))
        {
            case "standard":
                type = AzureTrainingType.Standard;
                return true;
            case "global":
            case "globalstandard":
                type = AzureTrainingType.GlobalStandard;
                return true;
            case "developer":
            case "developertier":
                type = AzureTrainingType.Developer;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>The model's default training type from the catalog (its first listed Azure tier), or <see langword="null"/> when the catalog does not know the model.</summary>
    /// <param name="catalog">The catalog, or <see langword="null"/>.</param>
    /// <param name="model">The base model (or a fine-tuned id, which resolves to its base).</param>
    /// <returns>The default training type.</returns>
    public static AzureTrainingType? DefaultFor(IModelCatalog? catalog, string? model) =>
        catalog is not null && !string.IsNullOrWhiteSpace(model) && catalog.Find("azure", model)?.DefaultTier is { } tier && TryParse(tier.Name, out var type)
            ? type
            : null;

    /// <summary>True when Azure refused a job because of its training type (it answers "does not support fine-tuning").</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether the explanation applies.</returns>
    public static bool IsUnsupportedTrainingType(FineTuningApiException exception) =>
        exception.StatusCode == 400 && exception.ServiceMessage is { } message
        && message.Contains("does not support fine-tuning", StringComparison.OrdinalIgnoreCase);

    /// <summary>Wraps Azure's "does not support fine-tuning" refusal with what it usually means and what to do.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="model">The model of the job.</param>
    /// <param name="sent">The training type sent, if any.</param>
    /// <param name="catalog">The catalog (lists the model's tiers), or <see langword="null"/>.</param>
    /// <returns>The explained exception.</returns>
    public static FineTuningApiException Explain(FineTuningApiException exception, string model, AzureTrainingType? sent, IModelCatalog? catalog)
    {
        var tiers = catalog?.Find("azure", model)?.Tiers.Select(t => t.Name).ToList();
        var known = tiers is { Count: > 0 }
            ? $" The model catalog lists these tiers for {model}: {string.Join(", ", tiers)}."
            : $" The model catalog does not know {model}: check the model name and that the resource's region offers fine-tuning for it.";
        var hint = sent is null
            ? " Azure gives this answer when a job has no trainingType: set one (FineTuningJobRequest.AzureTrainingType, FineTuning:AzureTrainingType, or ftk train --training-type globalstandard)."
            : $" The job asked for trainingType {ToWire(sent.Value)}: this model may not offer that tier in this region (open-weight models need GlobalStandard; Standard is regional); try --training-type globalstandard.";
        return new FineTuningApiException(exception.Message + hint + known, exception)
        {
            StatusCode = exception.StatusCode,
            ErrorCode = exception.ErrorCode,
            ErrorType = exception.ErrorType,
            Param = exception.Param ?? "trainingType",
            ServiceMessage = exception.ServiceMessage,
            RequestId = exception.RequestId,
            Operation = exception.Operation,
        };
    }
}
