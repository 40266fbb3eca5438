using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The weights client of a provider that keeps the weights (OpenAI, Azure OpenAI, compatible services): every call is refused with the reason.</summary>
internal sealed class NoModelWeightsClient : IModelWeightsClient
{
    private readonly ProviderCapabilities _capabilities;

    public NoModelWeightsClient(ProviderCapabilities capabilities)
    {
        _capabilities = capabilities;
    }

    public Task<ModelWeightsDownload> DownloadWeightsAsync(
        string jobId, string destinationPath, ModelWeightsCheckpoint checkpoint = ModelWeightsCheckpoint.Merged, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{_capabilities.Name} does not let users download the trained weights; only Together AI does (FineTuning:Provider = Together).");
}
