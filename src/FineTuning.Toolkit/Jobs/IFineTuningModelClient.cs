namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The models the service offers (<c>GET /models</c>) and deleting a fine-tuned one (<c>DELETE /models/{id}</c>).
/// Implementations raise <see cref="FineTuningApiException"/> when the service refuses (e.g. deleting a base model).
/// </summary>
public interface IFineTuningModelClient
{
    /// <summary>Lists the models the key can use: base models and the organisation's fine-tuned models.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The models, in the service's order.</returns>
    IAsyncEnumerable<FineTuningModelInfo> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a fine-tuned model (the organisation must own it; base models cannot be deleted).</summary>
    /// <param name="modelId">The model id, e.g. <c>ft:gpt-4o-mini-2024-07-18:org::abc123</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="true"/> when deleted, <see langword="false"/> when it did not exist.</returns>
    Task<bool> DeleteModelAsync(string modelId, CancellationToken cancellationToken = default);
}
