namespace FineTuning.Toolkit.Connections;

/// <summary>The kind of endpoint a connection talks to.</summary>
internal enum EndpointKind
{
    /// <summary>OpenAI's API (or a proxy of it).</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource endpoint (<c>https://{resource}.openai.azure.com/openai/v1/</c>).</summary>
    AzureResource,

    /// <summary>A Microsoft Foundry project endpoint (<c>…/api/projects/{project}/openai/v1/</c>).</summary>
    AzureProject,

    /// <summary>Another service's OpenAI-compatible base URL.</summary>
    Compatible,

    /// <summary>Together AI (<c>https://api.together.ai/v1/</c>).</summary>
    Together,
}
