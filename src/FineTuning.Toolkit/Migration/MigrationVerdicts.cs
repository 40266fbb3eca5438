namespace FineTuning.Toolkit.Migration;

/// <summary>The verdict of a replacement against the recorded answers of the model it replaces.</summary>
public static class MigrationVerdicts
{
    /// <summary>Not worse by more than the margin on every scorer, and significantly better on at least one.</summary>
    public const string Better = "better";

    /// <summary>Not worse by more than the margin on every scorer (95% confidence).</summary>
    public const string NonInferior = "non_inferior";

    /// <summary>Significantly worse on at least one scorer.</summary>
    public const string Worse = "worse";

    /// <summary>Neither shown worse nor shown non-inferior: more prompts or a larger margin are needed. "No significant difference" is not equivalence.</summary>
    public const string NotShownNonInferior = "not_shown_non_inferior";
}
