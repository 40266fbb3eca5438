namespace FineTuning.Toolkit.Jobs;

/// <summary>The result of <see cref="IModelWeightsClient.DownloadWeightsAsync"/>: where the weights are and how they were checked.</summary>
public sealed class ModelWeightsDownload
{
    /// <summary>Gets the job whose weights these are.</summary>
    public required string JobId { get; init; }

    /// <summary>Gets which weights were downloaded.</summary>
    public ModelWeightsCheckpoint Checkpoint { get; init; }

    /// <summary>Gets the full path of the downloaded file (a <c>.tar.zst</c> archive at Together).</summary>
    public required string Path { get; init; }

    /// <summary>Gets the file's size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Gets the SHA-256 of the file (lower-case hex), also written next to it as <c>FILE.sha256</c>.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets how many bytes came from an earlier, interrupted download (0 when it started from scratch).</summary>
    public long ResumedFromBytes { get; init; }

    /// <summary>Gets how the content was verified: <c>sha256</c> or <c>md5</c> when the service sent a digest (ETag) that matched, else <c>length</c> (size only; the SHA-256 is recorded).</summary>
    public required string VerifiedBy { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({Bytes} bytes, sha256 {Sha256}, verified by {VerifiedBy})";
}
