namespace FineTuning.Toolkit.Connections;

/// <summary>How a connection authenticates.</summary>
internal enum AuthKind
{
    /// <summary>Not resolved.</summary>
    None,

    /// <summary><c>Authorization: Bearer {key}</c> (OpenAI and compatible services).</summary>
    BearerKey,

    /// <summary><c>api-key: {key}</c> (Azure).</summary>
    AzureApiKey,

    /// <summary>A Microsoft Entra ID bearer token from a <c>TokenCredential</c> (Azure).</summary>
    TokenCredential,

    /// <summary>A caller-supplied OpenAI client brings its own.</summary>
    Custom,
}
