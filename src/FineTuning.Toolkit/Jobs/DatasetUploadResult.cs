namespace FineTuning.Toolkit.Jobs;

/// <summary>The outcome of <see cref="DatasetUploader.UploadAsync"/>.</summary>
public sealed class DatasetUploadResult
{
    /// <summary>Gets the stored file (processed).</summary>
    public required FineTuningFileInfo File { get; init; }

    /// <summary>Gets the SHA-256 of the local file (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets the MD5 of the local file (lower-case hex; the Uploads API checks it).</summary>
    public required string Md5 { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Gets how the file got there: <c>reused</c>, <c>files</c> (one request) or <c>uploads</c> (parallel parts).</summary>
    public required string Method { get; init; }

    /// <summary>Gets a value indicating whether an identical file already on the service was reused.</summary>
    public bool Reused => Method == "reused";
}
