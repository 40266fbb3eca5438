namespace FineTuning.Toolkit.Models;

/// <summary>Helpers for model ids: find the base model behind a fine-tuned model or checkpoint id.</summary>
public static class ModelIds
{
    /// <summary>Returns the base model id of <paramref name="modelId"/>.</summary>
    /// <param name="modelId">A base model id, an OpenAI fine-tuned id (<c>ft:gpt-4o-mini-2024-07-18:org:suffix:id</c>, optionally
    /// with <c>:ckpt-step-N</c>) or an Azure fine-tuned id (<c>gpt-4.1-2025-04-14.ft-0123abcd…</c>).</param>
    /// <returns>The base model id, trimmed; <paramref name="modelId"/> itself (trimmed) when it is not a fine-tuned id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelId"/> is <see langword="null"/>.</exception>
    public static string GetBaseModelId(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        var id = modelId.Trim();
        if (id.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = id[3..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? rest : rest[..colon];
        }

        var azure = id.IndexOf(".ft-", StringComparison.OrdinalIgnoreCase);
        return azure > 0 ? id[..azure] : id;
    }

    /// <summary>Returns whether <paramref name="modelId"/> names a fine-tuned model (OpenAI <c>ft:</c> or Azure <c>.ft-</c> form).</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns><see langword="true"/> for a fine-tuned model id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelId"/> is <see langword="null"/>.</exception>
    public static bool IsFineTuned(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return !string.Equals(GetBaseModelId(modelId), modelId.Trim(), StringComparison.Ordinal);
    }

    /// <summary>Maps the spellings of Azure's <c>trainingType</c> (<c>GlobalStandard</c>, <c>developerTier</c>, …) to catalog tier names.</summary>
    internal static string NormalizeTier(string tier)
    {
        var t = tier.Trim().ToLowerInvariant();
        return t switch
        {
            "globalstandard" or "global-standard" or "global_standard" => "global",
            "developertier" or "developer-tier" => "developer",
            _ => t,
        };
    }
}
