namespace FineTuning.Toolkit.Models;

/// <summary>The stable codes of <see cref="ModelDiagnostic"/>. Codes never change meaning; new ones are added at the end.</summary>
public static class ModelDiagnosticCodes
{
    /// <summary>FTM001: the model is not in the catalog for this provider, so limits, prices and dates are unknown.</summary>
    public const string UnknownModel = "FTM001";

    /// <summary>FTM002: the provider no longer accepts new training jobs for the model on the planned date.</summary>
    public const string TrainingUnavailable = "FTM002";

    /// <summary>FTM003: the base model retires soon after the planned date; the fine-tune dies with it.</summary>
    public const string RetirementNear = "FTM003";

    /// <summary>FTM004: the base model (or inference on its fine-tunes) is already retired on the planned date.</summary>
    public const string Retired = "FTM004";

    /// <summary>FTM005: the provider does not support the chosen method for the model.</summary>
    public const string MethodUnsupported = "FTM005";

    /// <summary>FTM006: an example is longer than the model's per-example limit; the platform silently truncates it from the end.</summary>
    public const string ExampleOverLimit = "FTM006";

    /// <summary>FTM007: the model's training context is not known, so over-long examples cannot be detected.</summary>
    public const string LimitUnknown = "FTM007";

    /// <summary>FTM008: no usable training price (unknown, or billed by time without an hour estimate), so no cost is given.</summary>
    public const string PriceUnknown = "FTM008";

    /// <summary>FTM009: the provider stops accepting training jobs for the model soon after the planned date.</summary>
    public const string TrainingEndsSoon = "FTM009";

    /// <summary>FTM010: tokens × epochs exceeds the provider's per-job cap (Azure: 2 billion).</summary>
    public const string JobTokenCapExceeded = "FTM010";

    /// <summary>FTM011: the chosen tier is not offered for the model.</summary>
    public const string UnknownTier = "FTM011";
}
