namespace FineTuning.Toolkit.Models;

/// <summary>The stable FT6xxx codes (model catalog, lifecycle, limits and cost) of the <see cref="Datasets.DatasetDiagnostic"/>s the
/// <see cref="TrainingCostEstimator"/> returns. Codes never change meaning; new ones are added at the end.</summary>
public static class ModelDiagnosticCodes
{
    /// <summary>FT6001: the model is not in the catalog for this provider, so limits, prices and dates are unknown.</summary>
    public const string UnknownModel = "FT6001";

    /// <summary>FT6002: the provider no longer accepts new training jobs for the model on the planned date.</summary>
    public const string TrainingUnavailable = "FT6002";

    /// <summary>FT6003: the base model retires soon after the planned date; the fine-tune dies with it.</summary>
    public const string RetirementNear = "FT6003";

    /// <summary>FT6004: the base model (or inference on its fine-tunes) is already retired on the planned date.</summary>
    public const string Retired = "FT6004";

    /// <summary>FT6005: the provider does not support the chosen method for the model.</summary>
    public const string MethodUnsupported = "FT6005";

    /// <summary>FT6006: an example is longer than the model's per-example limit; the platform silently truncates it from the end.</summary>
    public const string ExampleOverLimit = "FT6006";

    /// <summary>FT6007: the model's training context is not known, so over-long examples cannot be detected.</summary>
    public const string LimitUnknown = "FT6007";

    /// <summary>FT6008: no usable training price (unknown, or billed by time without an hour estimate), so no cost is given.</summary>
    public const string PriceUnknown = "FT6008";

    /// <summary>FT6009: the provider stops accepting training jobs for the model soon after the planned date.</summary>
    public const string TrainingEndsSoon = "FT6009";

    /// <summary>FT6010: tokens × epochs exceeds the provider's per-job cap (Azure: 2 billion).</summary>
    public const string JobTokenCapExceeded = "FT6010";

    /// <summary>FT6011: the chosen tier is not offered for the model.</summary>
    public const string UnknownTier = "FT6011";
}
