using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// The toolkit's one connection to the provider, built once from <see cref="FineTuningToolkitOptions"/> (configuration +
/// environment) and shared by jobs, files, evaluation, judges, embeddings, every CLI command and the quickstart. Every
/// call through it has the same authentication, the same retry policy and the same telemetry.
/// </summary>
/// <remarks>Resolve it from DI after <c>services.AddFineTuning(...)</c>.</remarks>
public interface IFineTuningConnection
{
    /// <summary>Gets the provider.</summary>
    FineTuningProvider Provider { get; }

    /// <summary>Gets the base address of the OpenAI-style routes (ending in <c>/</c>).</summary>
    Uri Endpoint { get; }

    /// <summary>Gets what the provider supports (methods, suffix, pause, deployment, weight download, its status names).</summary>
    ProviderCapabilities Capabilities { get; }

    /// <summary>
    /// Gets a chat client for a model: a base model, a fine-tuned model id, a checkpoint's model id, or an Azure
    /// deployment name. The client is a <see cref="ChatClientBuilder"/> pipeline with OpenTelemetry (source
    /// <c>FineTuning.Toolkit</c>) and logging over the provider's chat completions.
    /// </summary>
    /// <param name="model">The model id or deployment name.</param>
    /// <returns>The chat client.</returns>
    IChatClient GetChatClient(string model);

    /// <summary>Gets an embedding generator for a model or deployment, with the same pipeline.</summary>
    /// <param name="model">The model id or deployment name.</param>
    /// <returns>The embedding generator.</returns>
    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model);
}
