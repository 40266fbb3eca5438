namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Downloads the trained weights of a fine-tuning job, where the provider allows it (Together AI:
/// <see cref="Connections.ProviderCapabilities.SupportsWeightDownload"/>). The download is streamed to disk, resumed with an
/// HTTP <c>Range</c> request from the partial file an interrupted run left, verified, and renamed into place only when complete.
/// </summary>
public interface IModelWeightsClient
{
    /// <summary>Downloads the weights of a finished job to <paramref name="destinationPath"/>.</summary>
    /// <param name="jobId">The job id (Together: <c>ft-…</c>).</param>
    /// <param name="destinationPath">The file to write; its folder is created when missing, an existing file is replaced.</param>
    /// <param name="checkpoint">Merged model or adapter.</param>
    /// <param name="progress">Receives the bytes on disk so far, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token; a cancelled download keeps its partial file for the next run.</param>
    /// <returns>Where the file is and how it was verified.</returns>
    /// <exception cref="NotSupportedException">The provider does not let users download weights.</exception>
    /// <exception cref="FineTuningApiException">The service refused (e.g. the job has not completed) or the content did not verify.</exception>
    Task<ModelWeightsDownload> DownloadWeightsAsync(
        string jobId,
        string destinationPath,
        ModelWeightsCheckpoint checkpoint = ModelWeightsCheckpoint.Merged,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default);
}
