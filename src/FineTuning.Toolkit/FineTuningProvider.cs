namespace FineTuning.Toolkit;

/// <summary>The service the toolkit talks to. All use the OpenAI wire format; the endpoint, auth header and a few body fields differ.</summary>
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
}
