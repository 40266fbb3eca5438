using System.Globalization;
using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// What to do next when a service answer comes from OpenAI's wind-down of fine-tuning: <c>403 training_not_available</c>
/// (no new jobs) and <c>404 model_not_found</c> for a retired base model or a fine-tune of one. The dates come from the
/// model catalog (its lifecycle of the base model), never from here.
/// </summary>
internal static class WindDownHints
{
    /// <summary>The error code OpenAI answers job creation with once an organisation can no longer train.</summary>
    public const string TrainingNotAvailable = "training_not_available";

    /// <summary>The hint for an error, or <see langword="null"/> when it is not a wind-down error.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The service's error code, if any.</param>
    /// <param name="message">The service's message, if any.</param>
    /// <returns>A sentence or two starting with a space, or <see langword="null"/>.</returns>
    public static string? For(int status, string? code, string? message)
    {
        if (string.Equals(code, TrainingNotAvailable, StringComparison.OrdinalIgnoreCase)
            || (status == 403 && message?.Contains("winding down the fine-tuning", StringComparison.OrdinalIgnoreCase) == true))
        {
            var ends = ModelCatalog.BuiltIn.Models.Where(m => m.Provider == "openai").Select(m => m.Lifecycle.TrainingEndsOn).Max();
            return " OpenAI no longer creates fine-tuning jobs for this organisation (it is winding down fine-tuning"
                + (ends is { } d ? string.Create(CultureInfo.InvariantCulture, $"; new jobs end for everyone on {d:yyyy-MM-dd}") : string.Empty)
                + "). Retrying will not help. Keep what you have with 'ftk migrate snapshot DIR' (jobs, files and golden answers of every"
                + " fine-tuned model still answering), see replacements with 'ftk migrate plan DIR --to azure', and train one elsewhere with"
                + " 'ftk migrate retrain DIR --model FT_MODEL --to azure'.";
        }

        if (status == 404 && (string.Equals(code, "model_not_found", StringComparison.OrdinalIgnoreCase) || message?.Contains("does not exist", StringComparison.OrdinalIgnoreCase) == true)
            && ModelIn(message) is { } model)
        {
            var baseModel = ModelIds.GetBaseModelId(model);
            var retires = ModelCatalog.BuiltIn.Find("openai", baseModel)?.Lifecycle.EffectiveFineTunedRetirement;
            if (retires is null && !ModelIds.IsFineTuned(model))
            {
                return null;
            }

            return $" {model} may have been retired"
                + (retires is { } r ? string.Create(CultureInfo.InvariantCulture, $" (the model catalog gives {r:yyyy-MM-dd} for {baseModel} and every fine-tune of it)") : " (or deleted)")
                + "; a retired fine-tuned model cannot be restored and its weights cannot be exported. If you recorded it with 'ftk migrate snapshot',"
                + " compare a replacement with its recorded answers: 'ftk migrate compare DIR --model FT_MODEL=REPLACEMENT'.";
        }

        return null;
    }

    /// <summary>The model id quoted in a "The model `x` does not exist" message.</summary>
    private static string? ModelIn(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var start = message.IndexOf('`', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('`', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }
}
