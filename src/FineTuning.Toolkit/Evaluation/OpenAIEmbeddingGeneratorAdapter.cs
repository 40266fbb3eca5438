// Model, Endpoint and DeveloperChatMessage are marked experimental (OPENAI001) in the SDK; the diagnostic stays inside this adapter.
#pragma warning disable OPENAI001
using Microsoft.Extensions.AI;
using OpenAI.Embeddings;
using AIEmbeddingOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;
using SdkEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the OpenAI SDK's <see cref="EmbeddingClient"/> (OpenAI or Azure OpenAI v1).</summary>
/// <remarks>Honours <see cref="AIEmbeddingOptions.Dimensions"/>; reports input token usage. Thread-safe.</remarks>
public sealed class OpenAIEmbeddingGeneratorAdapter : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingClient _client;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="OpenAIEmbeddingGeneratorAdapter"/> class.</summary>
    /// <param name="client">The SDK embedding client.</param>
    /// <param name="providerName">The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>.</param>
    /// <param name="defaultDimensions">The embedding size requested when the options do not set one; null for the model's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public OpenAIEmbeddingGeneratorAdapter(EmbeddingClient client, string? providerName = "openai", int? defaultDimensions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _metadata = new EmbeddingGeneratorMetadata(providerName, client.Endpoint, client.Model, defaultDimensions);
    }

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, AIEmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyCollection<string> ?? values.ToList();
        if (options?.ModelId is { Length: > 0 } model && !string.Equals(model, _client.Model, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"This generator is bound to model '{_client.Model}' and cannot embed with '{model}'.");
        }
        var sdkOptions = new SdkEmbeddingOptions { Dimensions = options?.Dimensions ?? _metadata.DefaultModelDimensions };
        var result = await _client.GenerateEmbeddingsAsync(inputs, sdkOptions, cancellationToken).ConfigureAwait(false);
        var collection = result.Value;
        var embeddings = new List<Embedding<float>>(collection.Count);
        foreach (var embedding in collection.OrderBy(e => e.Index))
        {
            embeddings.Add(new Embedding<float>(embedding.ToFloats())
            {
                ModelId = collection.Model,
                CreatedAt = null,
            });
        }
        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = collection.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        if (serviceType == typeof(EmbeddingClient)) return _client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The SDK client owns no disposable resources.
    }
}
