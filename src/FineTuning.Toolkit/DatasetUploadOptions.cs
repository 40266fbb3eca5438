namespace FineTuning.Toolkit;

/// <summary>How datasets are uploaded.</summary>
public sealed class DatasetUploadOptions
{
    /// <summary>The largest part the Uploads API accepts (64 MB).</summary>
    public const int MaxPartSize = FineTuningLimits.MaxUploadPartBytes;

    /// <summary>Gets or sets the size from which the Uploads API (parallel parts) is used instead of one Files API request.</summary>
    /// <value>The default value is 100 MB (Azure's Files API is reported to fail silently above about 150 MB).</value>
    public long UploadsApiThreshold { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets the part size for the Uploads API.</summary>
    /// <value>The default value is 64 MB, the service maximum.</value>
    public int PartSize { get; set; } = MaxPartSize;

    /// <summary>Gets or sets how many parts are sent at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxParallelParts { get; set; } = 4;

    /// <summary>Gets or sets a value indicating whether an identical file already on the service is reused instead of uploaded again.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ReuseExistingFiles { get; set; } = true;

    /// <summary>
    /// Gets or sets the local index mapping content hashes to uploaded file ids, or <see langword="null"/> for
    /// <c>~/.ftk/uploads.json</c> (files not in the index are still matched by name and size on the service).
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>Gets or sets how long to wait for the service to finish processing an uploaded file.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how often the file status is polled while it is processed.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan ProcessingPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
