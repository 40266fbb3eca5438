using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Uploads a dataset file: reuses an identical file already on the service (local hash index, then name + size on
/// the service), otherwise sends it with the Files API or, from <see cref="DatasetUploadOptions.UploadsApiThreshold"/>,
/// the Uploads API in parallel parts with an MD5 check; then waits until the service has processed it.
/// </summary>
public sealed class DatasetUploader
{
    /// <summary>The largest file the Files API accepts.</summary>
    public const long FilesApiMaxBytes = FineTuningLimits.MaxFileBytes;

    private readonly IFineTuningFileClient _files;
    private readonly FineTuningToolkitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UploadIndex _index;

    /// <summary>Initializes a new instance of the <see cref="DatasetUploader"/> class.</summary>
    /// <param name="files">The file client.</param>
    /// <param name="options">The toolkit options.</param>
    /// <param name="time">The time provider (polling and timeouts).</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public DatasetUploader(IFineTuningFileClient files, IOptions<FineTuningToolkitOptions> options, TimeProvider time, ILogger<DatasetUploader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _files = files;
        _options = options.Value;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _index = new UploadIndex(_options.Upload.IndexPath ?? UploadIndex.DefaultPath);
    }

    /// <summary>Uploads (or reuses) a dataset file and waits until it is processed.</summary>
    /// <param name="path">The local file.</param>
    /// <param name="purpose">The purpose; <c>fine-tune</c> for training and validation data.</param>
    /// <param name="progress">Receives hashing, upload and processing progress, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token; cancelling aborts a multi-part upload on the service too.</param>
    /// <returns>The stored file with the local hashes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FineTuningApiException">The service refused the upload or failed to process the file.</exception>
    public async Task<DatasetUploadResult> UploadAsync(string path, string purpose = "fine-tune", IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The dataset file '{path}' does not exist.", path);
        }

        var size = new FileInfo(path).Length;
        var (sha256, md5) = await HashAsync(path, size, progress, cancellationToken).ConfigureAwait(false);
        var remoteName = RemoteName(path, sha256);
        var endpointKey = EndpointKey();
        var upload = _options.Upload;

        if (upload.ReuseExistingFiles)
        {
            var existing = await FindExistingAsync(endpointKey, sha256, remoteName, size, purpose, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                _logger.FileReused(existing.Id, remoteName, sha256);
                var ready = await WaitForProcessingAsync(existing, progress, size, cancellationToken).ConfigureAwait(false);
                progress?.Report(new UploadProgress("done", size, size));
                return new DatasetUploadResult { File = ready, Sha256 = sha256, Md5 = md5, Bytes = size, Method = "reused" };
            }
        }

        FineTuningFileInfo file;
        string method;
        if (size >= upload.UploadsApiThreshold && size > 0 && Connections.ProviderCapabilities.For(_options.Provider ?? FineTuningProvider.OpenAI, _options.Compatible).SupportsUploadsApi)
        {
            try
            {
                file = await UploadInPartsAsync(path, remoteName, size, purpose, md5, progress, cancellationToken).ConfigureAwait(false);
                method = "uploads";
            }
            catch (FineTuningApiException ex) when (ex.StatusCode is 404 or 405 && ex.Operation is { } operation && operation.StartsWith("POST ", StringComparison.Ordinal) && operation.Contains("uploads", StringComparison.Ordinal) && size <= FilesApiMaxBytes)
            {
                _logger.UploadsApiUnavailable(ex.StatusCode);
                file = await UploadWholeAsync(path, remoteName, size, purpose, progress, cancellationToken).ConfigureAwait(false);
                method = "files";
            }
        }
        else
        {
            file = await UploadWholeAsync(path, remoteName, size, purpose, progress, cancellationToken).ConfigureAwait(false);
            method = "files";
        }

        _logger.FileUploaded(remoteName, size, file.Id, method);
        file = await WaitForProcessingAsync(file, progress, size, cancellationToken).ConfigureAwait(false);
        await _index.SaveAsync(endpointKey, purpose, sha256, file, cancellationToken).ConfigureAwait(false);
        progress?.Report(new UploadProgress("done", size, size));
        return new DatasetUploadResult { File = file, Sha256 = sha256, Md5 = md5, Bytes = size, Method = method };
    }

    /// <summary>
    /// Imports a file into Azure from a URL (a blob SAS URL; see <see cref="IAzureFineTuningClient.ImportFileAsync"/>) and
    /// waits until the service has processed it, as <see cref="UploadAsync"/> waits for an upload. <c>processed</c> means
    /// the file was downloaded and scanned, not that its examples are valid: validate the data first (<c>ftk validate</c>).
    /// </summary>
    /// <param name="request">What to import.</param>
    /// <param name="progress">Receives <c>processing</c> and <c>done</c> reports (sizes in bytes once known).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The processed file.</returns>
    /// <exception cref="NotSupportedException">The provider is not Azure.</exception>
    /// <exception cref="FineTuningApiException">The import was refused or ended in <c>error</c> (the message says why).</exception>
    /// <exception cref="TimeoutException">The file was not processed within <see cref="DatasetUploadOptions.ProcessingTimeout"/>.</exception>
    public async Task<FineTuningFileInfo> ImportAsync(FileImportRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var azure = _files as IAzureFineTuningClient
            ?? throw new NotSupportedException("File import from a URL needs the Azure client (IAzureFineTuningClient); this uploader's file client is not one.");
        var file = await azure.ImportFileAsync(request, cancellationToken).ConfigureAwait(false);
        _logger.FileUploaded(request.FileName, file.Bytes, file.Id, "import");
        file = await WaitForProcessingAsync(file, progress, file.Bytes, cancellationToken).ConfigureAwait(false);
        progress?.Report(new UploadProgress("done", file.Bytes, file.Bytes));
        return file;
    }

    /// <summary>Computes the SHA-256 and MD5 of a file in one streaming pass (lower-case hex).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The two hashes.</returns>
    public static async Task<(string Sha256, string Md5)> ComputeHashesAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return await HashAsync(path, new FileInfo(path).Length, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name the file is stored under: its own name plus the first 12 hex digits of its SHA-256, so a later run recognises it.</summary>
    internal static string RemoteName(string path, string sha256)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        return $"{name}.{sha256[..12]}{(string.IsNullOrEmpty(extension) ? ".jsonl" : extension)}";
    }

    private string EndpointKey() => (Connections.ConnectionResolver.Resolve(_options, out _)?.BaseAddress?.AbsoluteUri ?? "custom") + "|" + (_options.Project ?? string.Empty);

    private async Task<FineTuningFileInfo?> FindExistingAsync(string endpointKey, string sha256, string remoteName, long size, string purpose, CancellationToken cancellationToken)
    {
        var indexed = await _index.FindAsync(endpointKey, purpose, sha256, cancellationToken).ConfigureAwait(false);
        if (indexed is not null)
        {
            var file = await _files.GetFileAsync(indexed, cancellationToken).ConfigureAwait(false);
            if (file is not null && file.Bytes == size && !file.IsError && SamePurpose(file, purpose))
            {
                return file;
            }

            await _index.RemoveAsync(endpointKey, purpose, sha256, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var file in _files.ListFilesAsync(purpose, cancellationToken).ConfigureAwait(false))
        {
            if (file.FileName == remoteName && file.Bytes == size && !file.IsError && SamePurpose(file, purpose))
            {
                await _index.SaveAsync(endpointKey, purpose, sha256, file, cancellationToken).ConfigureAwait(false);
                return file;
            }
        }

        return null;
    }

    private static bool SamePurpose(FineTuningFileInfo file, string purpose) => file.Purpose is null || file.Purpose == purpose;

    private async Task<FineTuningFileInfo> UploadWholeAsync(string path, string remoteName, long size, string purpose, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var tracked = new ProgressReadStream(stream, sent => progress?.Report(new UploadProgress("uploading", sent, size)));
            return await _files.UploadFileAsync(tracked, remoteName, purpose, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FineTuningFileInfo> UploadInPartsAsync(string path, string remoteName, long size, string purpose, string md5, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var upload = _options.Upload;
        var uploadId = await _files.CreateUploadAsync(remoteName, size, purpose, "text/jsonl", cancellationToken).ConfigureAwait(false);
        try
        {
            var partSize = upload.PartSize;
            var count = (int)((size + partSize - 1) / partSize);
            var partIds = new string[count];
            long sent = 0;
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = upload.MaxParallelParts, CancellationToken = cancellationToken },
                async (index, ct) =>
                {
                    var offset = (long)index * partSize;
                    var length = (int)Math.Min(partSize, size - offset);
                    var buffer = new byte[length];
                    var read = 0;
                    while (read < length)
                    {
                        var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), offset + read, ct).ConfigureAwait(false);
                        if (n == 0)
                        {
                            throw new IOException($"The file '{path}' changed while it was being uploaded.");
                        }

                        read += n;
                    }

                    partIds[index] = await _files.AddUploadPartAsync(uploadId, buffer, ct).ConfigureAwait(false);
                    var total = Interlocked.Add(ref sent, length);
                    progress?.Report(new UploadProgress("uploading", total, size));
                }).ConfigureAwait(false);

            return await _files.CompleteUploadAsync(uploadId, partIds, md5, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or FineTuningApiException or IOException)
        {
            await TryCancelAsync(uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task TryCancelAsync(string uploadId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), _time);
        try
        {
            await _files.CancelUploadAsync(uploadId, timeout.Token).ConfigureAwait(false);
            _logger.UploadCancelled(uploadId);
        }
        catch (Exception ex) when (ex is FineTuningApiException or OperationCanceledException)
        {
            // Best effort: an abandoned upload expires on the service after an hour.
        }
    }

    private async Task<FineTuningFileInfo> WaitForProcessingAsync(FineTuningFileInfo file, IProgress<UploadProgress>? progress, long size, CancellationToken cancellationToken)
    {
        var upload = _options.Upload;
        var deadline = _time.GetUtcNow() + upload.ProcessingTimeout;
        while (!file.IsProcessed)
        {
            if (file.IsError)
            {
                throw new FineTuningApiException($"The service could not process file {file.Id} ({file.FileName}): status '{file.Status}'{(file.StatusDetails is null ? "." : ": " + file.StatusDetails)}")
                {
                    ErrorCode = "file_processing_failed",
                    ServiceMessage = file.StatusDetails,
                };
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"File {file.Id} was still '{file.Status}' after {upload.ProcessingTimeout}.");
            }

            progress?.Report(new UploadProgress("processing", size, size));
            await Task.Delay(upload.ProcessingPollInterval, _time, cancellationToken).ConfigureAwait(false);
            file = await _files.GetFileAsync(file.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new FineTuningApiException($"File {file.Id} disappeared while it was being processed.") { StatusCode = 404 };
        }

        return file;
    }

    private static async Task<(string Sha256, string Md5)> HashAsync(string path, long size, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // MD5 is what the Uploads API checks a completed upload against; it is not used for security.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            long done = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                md5.AppendData(buffer, 0, read);
                done += read;
                if ((done & ((1 << 24) - 1)) < read || done == size)
                {
                    progress?.Report(new UploadProgress("hashing", done, size));
                }
            }
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }
}
