namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Files on one provider: the Files API, the Uploads API (multi-part), downloads. <see cref="DatasetUploader"/>
/// builds the size-based choice, hash reuse and progress on top of this.
/// </summary>
public interface IFineTuningFileClient
{
    /// <summary>Uploads a file in one multipart request (Files API; at most 512 MB).</summary>
    /// <param name="content">The content; must be seekable so a retry can resend it.</param>
    /// <param name="fileName">The file name to store.</param>
    /// <param name="purpose">The purpose, e.g. <c>fine-tune</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The stored file.</returns>
    Task<FineTuningFileInfo> UploadFileAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Starts a multi-part upload (Uploads API; expires after an hour, at most 8 GB).</summary>
    /// <param name="fileName">The file name.</param>
    /// <param name="bytes">The total size.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="mimeType">The MIME type, e.g. <c>text/jsonl</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The upload id.</returns>
    Task<string> CreateUploadAsync(string fileName, long bytes, string purpose, string mimeType, CancellationToken cancellationToken = default);

    /// <summary>Adds one part (at most 64 MB) to an upload.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="data">The part's bytes.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The part id.</returns>
    Task<string> AddUploadPartAsync(string uploadId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Completes an upload; the part order sets the byte order.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="partIds">The part ids in order.</param>
    /// <param name="md5">The MD5 of the whole file (lower-case hex), checked by the service, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The stored file.</returns>
    Task<FineTuningFileInfo> CompleteUploadAsync(string uploadId, IReadOnlyList<string> partIds, string? md5, CancellationToken cancellationToken = default);

    /// <summary>Cancels an upload; no parts may be added afterwards.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the upload is cancelled.</returns>
    Task CancelUploadAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Gets a file's metadata.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The file, or <see langword="null"/> when it does not exist.</returns>
    Task<FineTuningFileInfo?> GetFileAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Lists files.</summary>
    /// <param name="purpose">Only files with this purpose, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The files.</returns>
    IAsyncEnumerable<FineTuningFileInfo> ListFilesAsync(string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a file's content into <paramref name="destination"/> (streamed).</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The number of bytes written.</returns>
    Task<long> DownloadFileAsync(string fileId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="true"/> when deleted, <see langword="false"/> when it did not exist.</returns>
    Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default);
}
