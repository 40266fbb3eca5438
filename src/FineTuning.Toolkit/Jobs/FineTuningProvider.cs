namespace FineTuning.Toolkit.Jobs;

/// <summary>The service the toolkit talks to. Both use the OpenAI wire format; the endpoint, auth header and a few body fields differ.</summary>
public enum FineTuningProvider
{
    /// <summary>OpenAI (<c>https://api.openai.com/v1/</c>, <c>Authorization: Bearer</c>).</summary>
    OpenAI = 0,

    /// <summary>Azure OpenAI / Microsoft Foundry v1 (<c>https://{resource}.openai.azure.com/openai/v1/</c>, <c>api-key</c> header).</summary>
    Azure = 1,
}
