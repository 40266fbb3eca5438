namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The Azure-only fine-tuning operations: importing a training file from a URL (a blob SAS URL) and copying a checkpoint
/// to another resource or region (preview). Registered by <c>AddFineTuning</c>; on other providers every call throws
/// <see cref="NotSupportedException"/>.
/// </summary>
public interface IAzureFineTuningClient
{
    /// <summary>
    /// Starts a file import (<c>POST /openai/files/import?api-version=2025-04-01-preview</c>, Azure's classic surface: v1
    /// has no import). The returned file is usually <c>pending</c>; wait for it with
    /// <see cref="DatasetUploader.ImportAsync"/> or poll <see cref="IFineTuningFileClient.GetFileAsync"/>.
    /// A <c>processed</c> file has been uploaded and scanned, not validated: format errors surface when a job uses it.
    /// </summary>
    /// <param name="request">What to import.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The new file.</returns>
    /// <exception cref="NotSupportedException">The configured provider is not Azure.</exception>
    /// <exception cref="FineTuningApiException">The service refused the import.</exception>
    Task<FineTuningFileInfo> ImportFileAsync(FileImportRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts copying a checkpoint to another Azure OpenAI / Foundry resource (another region or subscription, same tenant):
    /// <c>POST /openai/v1/fine_tuning/jobs/{job}/checkpoints/{checkpoint}/copy</c> with the preview header
    /// <c>aoai-copy-ft-checkpoints: preview</c>. The destination must already have one fine-tuning job and allow public network access.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="checkpointId">The checkpoint id (<c>ftchkpt-…</c>).</param>
    /// <param name="destinationResourceId">The destination account's resource id (<c>/subscriptions/…/providers/Microsoft.CognitiveServices/accounts/…</c>).</param>
    /// <param name="region">The destination region (e.g. <c>swedencentral</c>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The copy's status.</returns>
    /// <exception cref="NotSupportedException">The configured provider is not Azure.</exception>
    /// <exception cref="FineTuningApiException">The service refused the copy.</exception>
    Task<CheckpointCopyInfo> CopyCheckpointAsync(string jobId, string checkpointId, string destinationResourceId, string region, CancellationToken cancellationToken = default);

    /// <summary>Gets the status of a checkpoint copy (<c>GET</c> on the same URL, same preview header).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="checkpointId">The checkpoint id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The copy's status, or null when no copy of that checkpoint was requested.</returns>
    /// <exception cref="NotSupportedException">The configured provider is not Azure.</exception>
    Task<CheckpointCopyInfo?> GetCheckpointCopyAsync(string jobId, string checkpointId, CancellationToken cancellationToken = default);
}
