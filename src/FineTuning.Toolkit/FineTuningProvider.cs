namespace FineTuning.Toolkit;

/// <summary>
/// The service the toolkit talks to. Chat and files use the OpenAI wire format everywhere; the endpoint, the auth header, a few
/// body fields and (for Together) the fine-tuning routes differ. What each one supports is in <see cref="Connections.ProviderCapabilities"/>.
/// </summary>
public enum FineTuningProvider
{
    /// <summary>OpenAI (<c>https://api.openai.com/v1/</c>, <c>Authorization: Bearer</c>).</summary>
    OpenAI = 0,

    /// <summary>
    /// Azure OpenAI / Microsoft Foundry v1 (<c>https://{resource}.openai.azure.com/openai/v1/</c> or a Foundry project's
    /// <c>…/api/projects/{project}/openai/v1/</c>; <c>api-key</c> header or a Microsoft Entra ID bearer token).
    /// </summary>
    Azure = 1,

    /// <summary>Any other service that exposes the OpenAI fine-tuning API on its own base URL (<c>Authorization: Bearer</c>).</summary>
    Compatible = 2,

    /// <summary>
    /// Together AI (<c>https://api.together.ai/v1/</c>, <c>Authorization: Bearer</c>): OpenAI-compatible chat and files, its own
    /// fine-tuning API (<c>/v1/fine-tunes</c>) with LoRA or full training, SFT or DPO, and weight download.
    /// </summary>
    Together = 3,
}
