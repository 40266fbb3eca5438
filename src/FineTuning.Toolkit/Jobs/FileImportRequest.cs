namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// A file to import into Azure from a URL: a blob SAS URL or any URL the service can GET. The URL's query (a SAS
/// signature) is a secret: <see cref="ToString"/> and the toolkit's logs and errors never show it.
/// </summary>
public sealed class FileImportRequest
{
    /// <summary>Gets the URL to import from (<c>content_url</c>).</summary>
    public required Uri ContentUrl { get; init; }

    /// <summary>Gets the file name the service records (<c>filename</c>; fine-tune files end in <c>.jsonl</c>).</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the purpose (default <c>fine-tune</c>).</summary>
    public string Purpose { get; init; } = FineTuningLimits.FineTunePurpose;

    /// <summary>Gets how long after creation the file expires (<c>expires_after</c>); null keeps it.</summary>
    public TimeSpan? ExpiresAfter { get; init; }

    /// <summary>Returns the request without the URL's query.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"{FileName} from {ContentUrl.GetLeftPart(UriPartial.Path)}{(string.IsNullOrEmpty(ContentUrl.Query) ? string.Empty : "?…")}";
}
